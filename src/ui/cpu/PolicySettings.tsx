import { LIMITS, parseAllotment, parseQuanta } from '../../cpu/params';
import {
  BOOST_ORDERS,
  POLICIES,
  TIE_RULES,
  mlfqAllotments,
  mlfqQuanta,
  type BoostOrder,
  type PolicyId,
  type PreemptedPlace,
  type SimOptions,
  type TieRule,
} from '../../cpu/types';
import { useT } from '../app/useT';
import { useCpuStore } from './cpuStore';
import { DraftInput, useIntCheck } from './fields';

/** The settings that make the MLFQ schedule equal OSTEP's mlfq.py, and the lab's defaults for them. */
const OSTEP_RULES: Pick<SimOptions, 'preempted' | 'ties' | 'boostOrder'> = { preempted: 'head', ties: 'ended-first', boostOrder: 'bottom-first' };
const LAB_RULES: Pick<SimOptions, 'preempted' | 'ties' | 'boostOrder'> = { preempted: 'tail', ties: 'arrivals-first', boostOrder: 'top-first' };

const listText = (v: readonly number[]) => v.join(',');

/** The policy and the options it uses (only those are shown). */
export function PolicySettings() {
  const t = useT();
  const { int } = useIntCheck();
  const o = useCpuStore((s) => s.config.options);
  const { setOptions } = useCpuStore.getState();
  const sliced = o.policy === 'rr' || o.policy === 'mlfq';
  const mlfq = o.policy === 'mlfq';
  const quanta = mlfqQuanta(o);
  const allot = mlfqAllotments(o, quanta.length);
  const ostepRules = o.preempted === OSTEP_RULES.preempted && o.ties === OSTEP_RULES.ties && o.boostOrder === OSTEP_RULES.boostOrder;
  const listRule = (max: number) => t('cpu.rule.list', { min: 1, max, n: LIMITS.levels });

  return (
    <section className="panel cpu-settings" aria-labelledby="cpu-settings-title">
      <h3 id="cpu-settings-title">{t('cpu.settings')}</h3>
      <div className="cpu-settings-grid">
        <label className="wide">
          {t('cpu.policy')}
          <select aria-label={t('cpu.policy')} value={o.policy} onChange={(e) => setOptions({ policy: e.target.value as PolicyId })}>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`cpu.policy.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {sliced && !(mlfq && o.quanta) && (
          <DraftInput label={t('cpu.quantum')} value={o.quantum} format={String} check={int(1, LIMITS.quantum)} onCommit={(quantum) => setOptions({ quantum })} />
        )}
        {mlfq && !o.quanta && (
          <DraftInput
            label={t('cpu.levels')}
            value={o.levels}
            format={String}
            check={int(1, LIMITS.levels)}
            onCommit={(levels) => setOptions({ levels, allotment: typeof o.allotment === 'number' ? o.allotment : allot[0]! })}
          />
        )}
        {mlfq && (
          <>
            <DraftInput
              label={t('cpu.quanta')}
              hint={t('cpu.quantaHint')}
              // The level count goes with the slices, so going back to the value before an edit restores both.
              value={{ quanta: o.quanta, levels: o.levels }}
              inputMode="text"
              placeholder={listText(quanta)}
              format={(v) => (v.quanta ? listText(v.quanta) : '')}
              describe={(v) => listText(mlfqQuanta({ ...o, ...v }))}
              check={(s) => {
                if (s.trim() === '') return { value: { quanta: undefined, levels: quanta.length } };
                const v = parseQuanta(s);
                return v ? { value: { quanta: v, levels: v.length } } : { rule: listRule(LIMITS.slice) };
              }}
              onCommit={({ quanta: q, levels }) => setOptions({ quanta: q, levels, allotment: typeof o.allotment === 'number' || q === undefined ? o.allotment : allot[0]! })}
            />
            <DraftInput
              label={t('cpu.allotment')}
              hint={t('cpu.allotmentHint')}
              value={o.allotment}
              inputMode="text"
              format={(v) => (typeof v === 'number' ? String(v) : listText(v))}
              check={(s) => {
                const v = parseAllotment(s, quanta.length);
                return v !== undefined ? { value: v } : { rule: t('cpu.rule.allotment', { min: 1, max: LIMITS.allotment, n: quanta.length }) };
              }}
              onCommit={(allotment) => setOptions({ allotment })}
            />
            <DraftInput label={t('cpu.boost')} hint={t('cpu.boostHint')} value={o.boost} format={String} check={int(0, LIMITS.boost)} onCommit={(boost) => setOptions({ boost })} />
            <label>
              {t('cpu.boostOrder')}
              <select aria-label={t('cpu.boostOrder')} title={t('cpu.boostOrderHint')} value={o.boostOrder} onChange={(e) => setOptions({ boostOrder: e.target.value as BoostOrder })}>
                {BOOST_ORDERS.map((b) => (
                  <option key={b} value={b}>
                    {t(`cpu.boostOrder.${b}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('cpu.preempted')}
              <select aria-label={t('cpu.preempted')} value={o.preempted} onChange={(e) => setOptions({ preempted: e.target.value as PreemptedPlace })}>
                <option value="tail">{t('cpu.preempted.tail')}</option>
                <option value="head">{t('cpu.preempted.head')}</option>
              </select>
            </label>
          </>
        )}
        {sliced && (
          <label>
            {t('cpu.ties')}
            <select aria-label={t('cpu.ties')} value={o.ties} onChange={(e) => setOptions({ ties: e.target.value as TieRule })}>
              {TIE_RULES.map((r) => (
                <option key={r} value={r}>
                  {t(r === 'arrivals-first' ? 'cpu.ties.arrivals' : 'cpu.ties.ended')}
                </option>
              ))}
            </select>
          </label>
        )}
        {o.policy === 'priority' && (
          <label className="checkbox">
            <input type="checkbox" checked={o.preemptive} onChange={(e) => setOptions({ preemptive: e.target.checked })} />
            {t('cpu.preemptive')}
          </label>
        )}
      </div>
      {mlfq && (
        <p className="small">
          <span className="muted">
            {t('cpu.mlfqSummary', { quanta: quanta.join(', '), allot: allot.join(', ') })}{' '}
          </span>
          <button type="button" className="link" aria-pressed={ostepRules} title={t('cpu.ostepRulesHint')} onClick={() => setOptions(ostepRules ? LAB_RULES : OSTEP_RULES)}>
            {t('cpu.ostepRules')}
          </button>
        </p>
      )}
    </section>
  );
}
