/** The bench's scenarios as a catalogue the Node machine and the Node view worker load (`scenarios`). */
export { benchScenarios as scenarios } from '../../bench/scenarios';
