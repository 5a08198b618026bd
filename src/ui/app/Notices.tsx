import { useAppStore } from '../../app/appStore';
import { sayWords } from '../../i18n/i18n';
import { useLang, useT } from './useT';

/** Notices about ignored URL parameters and similar, each dismissible; worded here, so they follow the language. */
export function Notices() {
  const t = useT();
  const lang = useLang();
  const notices = useAppStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={t('app.notices')}>
      <ul>
        {notices.map((n, i) => {
          const value = n.length === undefined ? n.value : t('app.cutValue', { value: n.value, count: n.length });
          return (
            <li key={`${n.name}-${i}`} className="notice">
              <span>
                {n.kind === 'unknown'
                  ? t('app.unknownParam', { name: n.name, value })
                  : n.kind === 'unread'
                    ? t('app.unreadParam', { name: n.name, value, scenario: n.scenario ?? '' })
                    : n.kind === 'repeated'
                      ? t('app.repeatedParam', { name: n.name, value, count: n.count ?? 2 })
                      : t('app.invalidParam', { name: n.name, value, hint: typeof n.hint === 'string' ? n.hint : sayWords(lang, n.hint) })}
              </span>
              <button type="button" onClick={() => useAppStore.getState().dismissNotice(i)}>
                {t('app.dismiss')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
