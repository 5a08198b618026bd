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
              {editable && (
                <button type="button" className="link" aria-label={t('py.file.remove', { name: f.name })} onClick={() => onChange(draft.filter((_, k) => k !== i))}>
                  ×
                </button>
              )}
            </div>
            {editable ? (
              <textarea
                aria-label={t('py.file.content', { name: f.name })}
                value={f.content}
                spellCheck={false}
                rows={Math.min(8, Math.max(2, f.content.split('\n').length))}
                onChange={(e) => onChange(draft.map((d, k) => (k === i ? [d[0], e.target.value] : d)))}
              />
            ) : (
              <pre aria-label={t('py.file.content', { name: f.name })}>{f.content}</pre>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          className="file-add"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <input aria-label={t('py.file.name')} placeholder="data.json" value={newName} onChange={(e) => editName(e.target.value)} aria-invalid={bad} />
          <button type="submit">{t('py.file.add')}</button>
          {bad && (
            <span className="field-error small" role="alert">
              {t('py.file.badName')}
            </span>
          )}
        </form>
      )}
    </section>
  );
}
