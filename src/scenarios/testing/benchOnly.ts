/** A catalogue for NodeMachine (it serves a module's `scenarios`): the bench-only scenarios the URL opens. */
export { benchOnlyScenarios as scenarios } from '../registry';
