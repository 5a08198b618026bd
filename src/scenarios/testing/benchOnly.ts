/**
 * A catalogue for NodeMachine's own thread (it looks scenarios up in a module's `scenarios`): the bench-only
 * scenarios the URL opens. Its process threads load through the catalogue (`workerModule`), a scenario at a time.
 */
export { benchOnlyScenarios as scenarios } from '../registry';
