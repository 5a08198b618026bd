/** The benchmark page's view worker: the app's view pipeline, attached to the app's and the bench's scenarios. */
import { serveView } from '../view/serve';
import { urlScenarios } from '../scenarios/registry';
import type { Scenario } from '../scenarios/types';
import { benchScenarios } from './scenarios';

serveView([...urlScenarios, ...benchScenarios] as Scenario[]);
