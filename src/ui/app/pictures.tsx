/**
 * The start page's pictures: small inline SVGs of our own, one per topic,
 * coloured by the theme's CSS variables (classes in start.css), decorative
 * (the link's text says everything).
 */
import type { ReactElement } from 'react';
import type { Topic } from '../../scenarios/topics';

const W = 120;
const H = 72;

function Processes() {
  // A parent that started two children.
  return (
    <>
      <line className="pic-line" x1="60" y1="20" x2="30" y2="52" />
      <line className="pic-line" x1="60" y1="20" x2="90" y2="52" />
      <circle className="pic-a" cx="60" cy="18" r="11" />
      <circle className="pic-b" cx="30" cy="54" r="9" />
      <circle className="pic-c" cx="90" cy="54" r="9" />
    </>
  );
}

function Locks() {
  // Two processes at a padlock: one inside, one waiting.
  return (
    <>
      <path className="pic-stroke" d="M48 34v-8a12 12 0 0 1 24 0v8" />
      <rect className="pic-lock" x="42" y="33" width="36" height="28" rx="5" />
      <circle className="pic-bg" cx="60" cy="45" r="4" />
      <rect className="pic-bg" x="58.5" y="46" width="3" height="8" />
      <circle className="pic-a" cx="20" cy="47" r="9" />
      <circle className="pic-b" cx="100" cy="47" r="9" />
      <path className="pic-stroke" d="M31 47h7M89 47h-7" />
    </>
  );
}

function Queues() {
  // Items travelling through a queue from a producer to a consumer.
  return (
    <>
      <circle className="pic-a" cx="14" cy="36" r="9" />
      <rect className="pic-frame" x="30" y="22" width="60" height="28" rx="4" />
      <rect className="pic-a" x="35" y="28" width="14" height="16" rx="3" />
      <rect className="pic-a" x="53" y="28" width="14" height="16" rx="3" />
      <rect className="pic-b" x="71" y="28" width="14" height="16" rx="3" />
      <circle className="pic-b" cx="106" cy="36" r="9" />
      <path className="pic-stroke" d="M24 36h4M92 36h4" />
    </>
  );
}

function Deadlocks() {
  // Two processes, two locks, each waiting for the other's: a cycle.
  return (
    <>
      <path className="pic-stroke" d="M36 22c16-14 32-14 48 0" />
      <path className="pic-stroke" d="M84 50c-16 14-32 14-48 0" />
      <path className="pic-head" d="M84 22l-9 0 6 -7z" />
      <path className="pic-head" d="M36 50l9 0 -6 7z" />
      <circle className="pic-a" cx="26" cy="36" r="11" />
      <circle className="pic-b" cx="94" cy="36" r="11" />
      <rect className="pic-lock" x="53" y="8" width="14" height="12" rx="2" />
      <rect className="pic-lock" x="53" y="52" width="14" height="12" rx="2" />
    </>
  );
}

function Scheduling() {
  // A Gantt chart: jobs taking turns on one CPU.
  return (
    <>
      <rect className="pic-a" x="8" y="14" width="30" height="12" rx="2" />
      <rect className="pic-b" x="38" y="30" width="20" height="12" rx="2" />
      <rect className="pic-a" x="58" y="14" width="14" height="12" rx="2" />
      <rect className="pic-c" x="72" y="46" width="40" height="12" rx="2" />
      <line className="pic-line" x1="8" y1="64" x2="112" y2="64" />
    </>
  );
}

function Python() {
  // A code window with a cursor per process.
  return (
    <>
      <rect className="pic-frame" x="10" y="8" width="100" height="56" rx="5" />
      <rect className="pic-muted" x="20" y="18" width="40" height="5" rx="2" />
      <rect className="pic-muted" x="28" y="30" width="56" height="5" rx="2" />
      <rect className="pic-muted" x="28" y="42" width="44" height="5" rx="2" />
      <rect className="pic-muted" x="20" y="54" width="30" height="5" rx="2" />
      <rect className="pic-a" x="14" y="29" width="5" height="7" rx="1" />
      <rect className="pic-b" x="14" y="41" width="5" height="7" rx="1" />
    </>
  );
}

const PICTURES: Record<Topic, () => ReactElement> = {
  processes: Processes,
  locks: Locks,
  queues: Queues,
  deadlocks: Deadlocks,
  scheduling: Scheduling,
  python: Python,
};

export function TopicPicture({ topic }: { topic: Topic }) {
  const Body = PICTURES[topic];
  return (
    <svg className="pic" viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" focusable="false">
      <Body />
    </svg>
  );
}
