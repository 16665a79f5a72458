import { getTranslations } from 'next-intl/server';
import type { Option } from '@/components/groups/group-options';
import type { Actor } from '@/lib/auth/actor';
import { listOrgUnits } from '@/lib/org';

const inputClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5';

/** Units a statement can be read for: the actor's unit and the districts and communes under it. */
export async function statementUnitOptions(actor: Actor): Promise<Option[]> {
  const units = await listOrgUnits(actor, { includeInactive: true });
  return units.filter((u) => u.level !== 'CHAPTER').map((u) => ({ value: u.id, label: u.level === 'COMMUNE' ? `· ${u.name}` : u.name }));
}

/** A GET form choosing the unit and the month (or a range of months) of a statement. */
export async function UnitPeriodFilter({ units, orgUnitId, fields }: { units: Option[]; orgUnitId: string; fields: { name: string; label: string; value: string; type: 'month' | 'date' }[] }) {
  const t = await getTranslations('fees.page');
  return (
    <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-2 text-sm">
      {fields.map((f) => (
        <label key={f.name} className="flex flex-col">{f.label}<input type={f.type} name={f.name} defaultValue={f.value} className={inputClass} required /></label>
      ))}
      {units.length > 1 && (
        <label className="flex flex-col">{t('unit')}
          <select name="orgUnitId" defaultValue={orgUnitId} className={inputClass}>
            {units.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}
          </select>
        </label>
      )}
      <button type="submit" className="min-h-9 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">{t('show')}</button>
    </form>
  );
}

/** "2026-10" → "10/2026". */
export const formatMonth = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
