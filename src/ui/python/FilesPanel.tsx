/**
 * The working directory of the learner's program: before a run the learner
 * creates and edits the files; during and after it the panel shows what the
 * processes made of them (each file's current content).
 */
import { useState } from 'react';
import { validFileName } from '../../python/url';
import { useT } from '../app/useT';

export interface FileEntry {
  name: string;
  content: string;
}

export function FilesPanel({ editable, draft, live, onChange }: { editable: boolean; draft: [string, string][]; live: FileEntry[]; onChange(files: [string, string][]): void }) {
  const t = useT();
  const [newName, setNewName] = useState('');
  const [bad, setBad] = useState(false);
  const add = () => {
    const name = newName.trim();
    if (!validFileName(name) || draft.some(([n]) => n === name)) {
      setBad(true);
      return;
    }
    setBad(false);
    setNewName('');
    onChange([...draft, [name, '']]);
  };
  // The alert is about the name that was added: once the field is edited it no longer says anything about it.
  const editName = (name: string) => {
    setNewName(name);
    setBad(false);
  };
  const shown: FileEntry[] = editable ? draft.map(([name, content]) => ({ name, content })) : live;
  return (
    <section className="panel files-panel" aria-label={t('py.files')}>
      <h2>{t('py.files')}</h2>
      <p className="muted small">{t('py.files.help')}</p>
      {shown.length === 0 && <p className="muted small">{t('py.files.none')}</p>}
      <ul className="files">
        {shown.map((f, i) => (
          <li key={f.name} className="file" data-file={f.name}>
            <div className="file-head">
              <code>{f.name}</code>
              {/* Disabled during a run, not removed: the panel keeps its layout (and the page below it its place). */}
              <button type="button" className="link" aria-label={t('py.file.remove', { name: f.name })} disabled={!editable} onClick={() => onChange(draft.filter((_, k) => k !== i))}>
                ×
              </button>
            </div>
            {/* Read-only during a run, not swapped for another element: the same box shows what the processes made of it. */}
            <textarea
              aria-label={t('py.file.content', { name: f.name })}
              value={f.content}
              readOnly={!editable}
              spellCheck={false}
              rows={Math.min(8, Math.max(2, f.content.split('\n').length))}
              onChange={(e) => onChange(draft.map((d, k) => (k === i ? [d[0], e.target.value] : d)))}
            />
          </li>
        ))}
      </ul>
      {/* The "Add file" field stays during a run, disabled: removing it moved everything below the panel up (and back at Reset). */}
      <form
        className="file-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (editable) add();
        }}
      >
        <input aria-label={t('py.file.name')} placeholder="data.json" value={newName} onChange={(e) => editName(e.target.value)} aria-invalid={bad} disabled={!editable} />
        <button type="submit" disabled={!editable}>
          {t('py.file.add')}
        </button>
        {bad && (
          <span className="field-error small" role="alert">
            {t('py.file.badName')}
          </span>
        )}
      </form>
    </section>
  );
}
