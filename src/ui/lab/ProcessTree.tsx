import { memo, useId, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { LaneView } from '../../lab/liveRun';
import { pidLabel } from '../../core/pid';
import type { LaneState } from '../../lab/fold';
import { useLang, useT } from '../app/useT';
import { procColor } from './colors';
import { LanesNote, useCrowd, VIRTUAL_LANES } from './Lanes';
import { treeOf, treeRows } from './treeRows';
import { useVirtualRows, VirtualPad } from './virtualRows';

/** A tree row's usual height (lab.css `.tree-node` 40 px plus the item's margins); rows are measured as drawn. */
const TREE_ROW_HEIGHT = 48;

/** The tutorials' diagram: new → ready ⇄ running → done, running → blocked → ready. Sleeping counts as blocked, terminated as done. */
type DiagramState = 'new' | 'ready' | 'running' | 'blocked' | 'done';

export function diagramState(s: LaneState): DiagramState {
  return s === 'sleeping' ? 'blocked' : s === 'terminated' ? 'done' : s;
}

const BOX = { w: 76, h: 28 };
const AT: Record<DiagramState, { x: number; y: number }> = {
  new: { x: 44, y: 24 },
  ready: { x: 120, y: 84 },
  running: { x: 240, y: 84 },
  done: { x: 316, y: 24 },
  blocked: { x: 180, y: 144 },
};
const EDGES: [DiagramState, DiagramState][] = [
  ['new', 'ready'],
  ['ready', 'running'],
  ['running', 'ready'],
  ['running', 'blocked'],
  ['blocked', 'ready'],
  ['running', 'done'],
];

/** An edge from box to box, stopped at the boxes' borders; the ready ⇄ running pair is drawn as two parallel arrows. */
function edge(from: DiagramState, to: DiagramState): string {
  const a = AT[from];
  const b = AT[to];
  const lane = from === 'ready' && to === 'running' ? -6 : from === 'running' && to === 'ready' ? 6 : 0;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  // Shrink the segment so it starts and ends at the box edges.
  const sx = Math.abs(dx) > 0 ? BOX.w / 2 / Math.abs(dx) : Infinity;
  const sy = Math.abs(dy) > 0 ? BOX.h / 2 / Math.abs(dy) : Infinity;
  const k = Math.min(sx, sy) + 0.04;
  return `M${a.x + dx * k},${a.y + dy * k + lane} L${b.x - dx * k},${b.y - dy * k + lane}`;
}

const StateDiagram = memo(function StateDiagram({ lane }: { lane: LaneView }) {
  const t = useT();
  const now = diagramState(lane.state);
  const color = procColor(lane.pid);
  return (
    <svg className="state-diagram" viewBox="0 0 360 168" role="img" aria-label={t('lab.treeNow', { name: lane.name, state: t(`lab.state.${lane.state}`) })}>
      <defs>
        <marker id="state-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="state-arrowhead" />
        </marker>
      </defs>
      {EDGES.map(([a, b]) => (
        <path key={`${a}-${b}`} d={edge(a, b)} className="state-edge" markerEnd="url(#state-arrow)" />
      ))}
      {(Object.keys(AT) as DiagramState[]).map((s) => (
        <g key={s} className={`state-node${s === now ? ' lit' : ''}`} data-state={s} style={s === now ? { '--pc': color } as React.CSSProperties : undefined}>
          <rect x={AT[s].x - BOX.w / 2} y={AT[s].y - BOX.h / 2} width={BOX.w} height={BOX.h} rx={14} />
          <text x={AT[s].x} y={AT[s].y + 4} textAnchor="middle">
            {t(`lab.state.${s}`)}
          </text>
        </g>
      ))}
    </svg>
  );
});

interface TreeProps {
  byParent: Map<number, LaneView[]>;
  lane: LaneView;
  selected: number;
  onSelect: (pid: number) => void;
}

/** A process's button: name, pid, daemon, state, exit code; pressed when its state is the one lit in the diagram. */
const NodeButton = memo(function NodeButton({ lane, pressed, onSelect }: { lane: LaneView; pressed: boolean; onSelect: (pid: number) => void }) {
  const t = useT();
  const lang = useLang();
  const ended = lane.state === 'done' || lane.state === 'terminated';
  return (
    <button type="button" className={`tree-node state-${lane.state}`} aria-pressed={pressed} onClick={() => onSelect(lane.pid)} style={{ '--pc': procColor(lane.pid) } as React.CSSProperties}>
      <span className="lane-swatch" aria-hidden="true" />
      <span className="tree-name">{lane.name}</span>
      <span className="lane-pid">{pidLabel(lane.pid, lang)}</span>
      {lane.daemon && <span className="tag">{t('lab.daemon')}</span>}
      <span className={`badge badge-${lane.state}`}>{t(`lab.state.${lane.state}`)}</span>
      {ended && lane.exitcode !== null && <span className="tree-exit">{t('lab.exit', { code: lane.exitcode })}</span>}
    </button>
  );
});

function TreeNode({ byParent, lane, selected, onSelect }: TreeProps) {
  const kids = byParent.get(lane.pid) ?? [];
  return (
    <li>
      <NodeButton lane={lane} pressed={lane.pid === selected} onSelect={onSelect} />
      {kids.length > 0 && (
        <ul>
          {kids.map((k) => (
            <TreeNode key={k.pid} byParent={byParent} lane={k} selected={selected} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * Past VIRTUAL_LANES processes the tree is drawn as rows, each indented by its depth (aria-level), and only the
 * rows in view: drawing a thousand buttons would cost every frame a thousand nodes to diff and lay out.
 */
function VirtualTree({ lanes, selected, onSelect, describedBy, onPartial }: { lanes: LaneView[]; selected: number; onSelect: (pid: number) => void; describedBy: string; onPartial: (partial: boolean) => void }) {
  const t = useT();
  const ref = useRef<HTMLUListElement>(null);
  const rows = useMemo(() => treeRows(lanes), [lanes]);
  const { rows: shown, padTop, padBottom, measure, edgeKey } = useVirtualRows(ref, rows.length, TREE_ROW_HEIGHT, true);
  // The note above the tree (LanesNote) says whether some rows are left out.
  const partial = shown.length < rows.length;
  useLayoutEffect(() => onPartial(partial), [onPartial, partial]);
  return (
    <ul ref={ref} className="process-tree virtual" tabIndex={0} aria-label={t('lab.tree')} aria-describedby={describedBy} onKeyDown={edgeKey}>
      <VirtualPad height={padTop} />
      {shown.map((v) => {
        const { proc, depth } = rows[v.index]!;
        return (
          <li key={proc.pid} className="tree-row" style={{ '--depth': depth } as React.CSSProperties} aria-level={depth + 1} aria-setsize={rows.length} aria-posinset={v.index + 1} data-index={v.index} ref={measure}>
            <NodeButton lane={proc} pressed={proc.pid === selected} onSelect={onSelect} />
          </li>
        );
      })}
      <VirtualPad height={padBottom} />
    </ul>
  );
}

/** Parent → children, each with its state, exit code and daemon flag; the selected process's state lit in the three-state diagram. */
export const ProcessTree = memo(function ProcessTree({ ref, lanes }: { ref?: Ref<HTMLElement>; lanes: LaneView[] }) {
  const t = useT();
  const [picked, setPicked] = useState<number | null>(null);
  const virtual = useCrowd(lanes.length) > VIRTUAL_LANES;
  const tree = useMemo(() => (virtual ? null : treeOf(lanes)), [lanes, virtual]);
  const describedBy = useId();
  const [partial, setPartial] = useState(false);
  // A tree that will be virtual (the run's size is known) is there before its first process, as the lanes' list
  // is: its virtualizer then takes its box at mount, before Run, and the snapshot that brings the first processes
  // only fills it. Mounted with that snapshot, the virtualizer read the box inside React's commit
  // (`_willUpdate`'s clientWidth/clientHeight), a forced layout of the whole page in the run's heaviest frame.
  if (lanes.length === 0 && !virtual) return null;
  // Until the learner picks one, follow the first child (the main process when there is none).
  const selected = lanes.find((l) => l.pid === picked) ?? lanes[1] ?? lanes[0];
  return (
    <section ref={ref} className="panel tree-panel" aria-label={t('lab.tree')}>
      <h2>{t('lab.tree')}</h2>
      {virtual && <LanesNote id={describedBy} n={lanes.length} partial={partial} />}
      <div className="tree-body">
        {virtual ? (
          <VirtualTree lanes={lanes} selected={selected?.pid ?? -1} onSelect={setPicked} describedBy={describedBy} onPartial={setPartial} />
        ) : (
          <ul className="process-tree">
            {tree!.roots.map((r) => (
              <TreeNode key={r.pid} byParent={tree!.byParent} lane={r} selected={selected!.pid} onSelect={setPicked} />
            ))}
          </ul>
        )}
        {selected && (
          <figure className="state-figure">
            <StateDiagram lane={selected} />
            <figcaption className="muted small">{t('lab.treeNow', { name: selected.name, state: t(`lab.state.${selected.state}`) })}</figcaption>
          </figure>
        )}
      </div>
    </section>
  );
});
