/** The catalogue the Node tests' worker threads load: the learner's-Python program alone. */
import type { RunnableScenario } from '../../core/process';
import { pythonProgram } from '../program';

export const scenarios = [pythonProgram] as RunnableScenario<unknown, unknown>[];
