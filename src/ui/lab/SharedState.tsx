import { memo, type ComponentType, type Ref } from 'react';
import type { LaneView, Snapshot } from '../../lab/liveRun';
import { CARDS } from '../../kinds/cards';
import { LayoutAnimations, type CardProps } from '../../kinds/cardParts';
import type { ObjectView } from '../../kinds/registry';
import { useT } from '../app/useT';
import { useLabStore } from '../../lab/labStore';
import { COMPACT_LANES, useCrowd } from './Lanes';

/** Every shared object's card, in the order the scenario created them; each kind draws its own (src/kinds). */
export const SharedState = memo(function SharedState({ ref, objects, lanes, last }: { ref?: Ref<HTMLElement>; objects: ObjectView[]; lanes: LaneView[]; last: Snapshot['last'] }) {
  const t = useT();
  const crowd = useCrowd(lanes.length);
  const fast = useLabStore((s) => s.fast);
  return (
    <section ref={ref} className="panel shared" aria-label={t('lab.shared')}>
      <h2>{t('lab.shared')}</h2>
      <div className="cards">
        {/* Layout animations while the lanes have theirs (a few processes) and the eye can follow: each one measures the page. */}
        <LayoutAnimations.Provider value={crowd <= COMPACT_LANES && !fast}>
          {objects.map((o) => {
            const Draw = CARDS[o.kind] as ComponentType<CardProps<ObjectView>> | null;
            return Draw && <Draw key={o.id} view={o} lanes={lanes} last={last} />;
          })}
        </LayoutAnimations.Provider>
      </div>
    </section>
  );
});
