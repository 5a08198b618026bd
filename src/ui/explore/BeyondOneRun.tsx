import { useExploreStore } from '../../lab/exploreStore';
import { sayMessage } from '../../lab/labStore';
import { useT } from '../app/useT';
import { ExplorePanel } from './ExplorePanel';
import { RunTools } from './RunTools';
import { StatisticsPanel } from './StatisticsPanel';
import './explore.css';

/** Issue 11's tools under the lab: share/replay, exploration, statistics. */
export function BeyondOneRun() {
  const t = useT();
  const error = useExploreStore((s) => s.error);
  return (
    <div className="beyond">
      <RunTools />
      {error && (
        <div className="lab-error" role="alert">
          {sayMessage(t, error)}
        </div>
      )}
      <div className="beyond-grid">
        <ExplorePanel />
        <StatisticsPanel />
      </div>
    </div>
  );
}
