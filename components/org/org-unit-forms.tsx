import { getTranslations } from 'next-intl/server';
import {
  createOrgUnitAction,
  deleteOrgUnitAction,
  moveOrgUnitAction,
  renameOrgUnitAction,
  setOrgUnitActiveAction,
} from '@/app/(app)/org-units/actions';
import { ActionForm } from '@/components/ui/action-form';
import { SelectField, TextField } from '@/components/ui/fields';
import type { OrgUnit } from '@/lib/db';

type Option = { value: string; label: string };

export const unitOption = (unit: Pick<OrgUnit, 'id' | 'code' | 'name'>): Option => ({ value: unit.id, label: `${unit.name} (${unit.code})` });

export async function CreateOrgUnitForm({ parents, defaultParentId }: { parents: Option[]; defaultParentId?: string }) {
  const t = await getTranslations();
  const levels = [{ value: '', label: t('org.levelFromParent') }, ...(['COMMUNE', 'DISTRICT'] as const).map((l) => ({ value: l, label: t(`levels.${l}`) }))];
  return (
    <ActionForm action={createOrgUnitAction} submitLabel={t('org.create')} resetOnSuccess>
      <SelectField label={t('fields.parentId')} name="parentId" options={parents} defaultValue={defaultParentId} />
      <SelectField label={t('fields.level')} name="level" options={levels} defaultValue="" title={t('org.levelHint')} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('fields.code')} name="code" required autoComplete="off" hint={t('org.codeHint')} />
        <TextField label={t('fields.name')} name="name" required autoComplete="off" />
      </div>
    </ActionForm>
  );
}

export async function ManageOrgUnitForms({ unit, parents, canDelete }: { unit: OrgUnit; parents: Option[]; canDelete: boolean }) {
  const t = await getTranslations();
  return (
    <div className="space-y-6">
      <ActionForm action={renameOrgUnitAction} submitLabel={t('org.rename')}>
        <input type="hidden" name="id" value={unit.id} />
        <TextField label={t('fields.name')} name="name" defaultValue={unit.name} required />
        <TextField label={t('fields.unionMemberCount')} name="unionMemberCount" type="number" min={0} defaultValue={unit.unionMemberCount ?? ''} hint={t('org.unionMemberCountHint')} />
        {unit.level === 'COMMUNE' && <TextField label={t('org.cluster')} name="cluster" defaultValue={unit.cluster ?? ''} hint={t('org.clusterHint')} autoComplete="off" />}
      </ActionForm>
      {parents.length > 0 && (
        <ActionForm action={moveOrgUnitAction} submitLabel={t('org.move')} variant="secondary">
          <input type="hidden" name="id" value={unit.id} />
          <SelectField label={t('org.newParent')} name="parentId" options={parents} defaultValue={unit.parentId ?? undefined} />
        </ActionForm>
      )}
      <ActionForm
        action={setOrgUnitActiveAction}
        submitLabel={unit.active ? t('org.deactivate') : t('org.activate')}
        variant={unit.active ? 'danger' : 'secondary'}
        confirm={unit.active ? t('org.confirmDeactivate', { name: unit.name }) : undefined}
      >
        <input type="hidden" name="id" value={unit.id} />
        <input type="hidden" name="active" value={String(!unit.active)} />
        <p className="text-sm text-slate-600">{unit.active ? t('org.deactivateHelp') : t('org.activateHelp')}</p>
      </ActionForm>
      {canDelete && (
        <ActionForm action={deleteOrgUnitAction} submitLabel={t('org.delete')} variant="danger" confirm={t('org.confirmDelete', { name: unit.name })}>
          <input type="hidden" name="id" value={unit.id} />
          <p className="text-sm text-slate-600">{t('org.deleteHelp')}</p>
        </ActionForm>
      )}
    </div>
  );
}
