import { LabController } from '../../store/controller';

let instance: LabController | null = null;

/** One controller (and so one worker pool) for the page, even under StrictMode's double mount. */
export function labController(): LabController {
  instance ??= new LabController();
  return instance;
}
