import { spawnAppExplorer } from '../../app/processWorkers';
import { JobRunner } from '../../lab/jobs';
import { labController } from '../lab/controllerInstance';

let instance: JobRunner | null = null;

/** One job runner for the page, on the lab's machine. */
export function jobRunner(): JobRunner {
  return (instance ??= new JobRunner(labController(), spawnAppExplorer));
}
