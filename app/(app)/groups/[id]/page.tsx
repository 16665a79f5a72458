import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DissolveGroupForm, EditGroupForm, MergeGroupForm } from '@/components/groups/group-forms';
import { communeAndChapterOptions, enumOptions } from '@/components/groups/group-options';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { getGroup, listActiveGroupChoices, listGroupRatings, PROGRAMME_KINDS } from '@/lib/groups';
import { listLoans } from '@/lib/loans';
import { DisburseGroupForm } from '@/components/loans/loan-forms';
import { GroupRatingHistory, RateGroupForm } from '@/components/groups/group-ratings';

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const t = await getTranslations();
  const { group, members, rules, toConsolidate } = await orNotFound(getGroup(actor, id));
  const writable = actorCan(actor, 'register:write') && group.status === 'ACTIVE';
  const kinds = await enumOptions('programmeKind', PROGRAMME_KINDS);
  const { chapters } = writable ? await communeAndChapterOptions(actor) : { chapters: [] };
  const approved = actorCan(actor, 'loan:apply') ? (await listLoans(actor, { groupId: group.id, status: 'APPROVED' })).total : 0;
  const ratings = actorCan(actor, 'inspection:read') ? await listGroupRatings(actor, group.id) : [];
  const canRate = actorCan(actor, 'inspection:write') && group.status === 'ACTIVE';
  const siblings = writable ? (await listActiveGroupChoices(actor, group.orgUnitId)).filter((g) => g.id !== group.id) : [];

  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/groups" className="text-slate-600 underline-offset-2 hover:underline">‹ {t('nav.groups')}</Link>
      </p>
      <PageHeader
        title={`${group.code} · ${group.name}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>{group.orgUnit.name}{group.chapter ? ` · ${group.chapter.name}` : ''}</span>
            <Badge>{t(`registers.programmeKind.${group.programmeKind}`)}</Badge>
            <Badge tone={group.status === 'ACTIVE' ? 'green' : 'slate'}>{t(`registers.groupStatus.${group.status}`)}</Badge>
            {toConsolidate && <Badge tone="amber">{t('groups.toConsolidate')}</Badge>}
            {group.status === 'ACTIVE' && actorCan(actor, 'loan:read') && (
              <Link href={`/groups/${group.id}/sheet`} className="font-medium text-rose-800 underline">{t('sheets.page.open')}</Link>
            )}
            {group.mergedInto && (
              <Link href={`/groups/${group.mergedInto.id}`} className="text-rose-800 underline">{t('groups.mergedInto', { code: group.mergedInto.code })}</Link>
            )}
          </span>
        }
      />
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title={t('groups.memberList', { count: members.length })}>
          <p className="mb-2 text-sm text-slate-600">{t('groups.sizeRule', { max: rules.max, min: rules.consolidateBelow })}</p>
          {members.length === 0 ? (
            <EmptyState>{t('groups.noMembers')}</EmptyState>
          ) : (
            <ol className="list-decimal space-y-1 pl-6 text-sm">
              {members.map((m) => (
                <li key={m.id}>
                  <Link href={`/members/${m.id}`} className="text-rose-800 underline-offset-2 hover:underline">{m.fullName}</Link>
                  {m.id === group.leaderId && <span className="ml-2"><Badge tone="rose">{t('fields.leaderId')}</Badge></span>}
                  {m.id === group.deputyId && <span className="ml-2"><Badge>{t('fields.deputyId')}</Badge></span>}
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card title={t('common.details')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t('fields.meetingDay')}</dt>
            <dd>{group.meetingDay ?? '—'}</dd>
            <dt className="text-slate-600">{t('fields.foundingDecisionNo')}</dt>
            <dd>{group.foundingDecisionNo ?? '—'}</dd>
            <dt className="text-slate-600">{t('fields.foundingDecisionDate')}</dt>
            <dd>{group.foundingDecisionDate ? formatDateOnly(group.foundingDecisionDate) : '—'}</dd>
            <dt className="text-slate-600">{t('fields.leaderId')}</dt>
            <dd>{group.leader?.fullName ?? '—'}</dd>
            <dt className="text-slate-600">{t('fields.deputyId')}</dt>
            <dd>{group.deputy?.fullName ?? '—'}</dd>
          </dl>
          <h3 className="mt-4 text-sm font-semibold">{t('groups.statusHistory')}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {group.statusChanges.map((change) => (
              <li key={String(change.id)}>
                {formatDateOnly(change.at)} · {t(`registers.groupStatus.${change.status}`)}
                {change.reason ? ` · ${change.reason}` : ''}
              </li>
            ))}
            {group.mergedFrom.map((g) => (
              <li key={g.id}>
                <Link href={`/groups/${g.id}`} className="text-rose-800 underline">{g.code}</Link> → {t('registers.groupStatus.MERGED')}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('groups.rating.title')}>
          <GroupRatingHistory ratings={ratings} />
          {canRate && (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-rose-800">{t('groups.rating.record')}</summary>
              <div className="mt-3"><RateGroupForm groupId={group.id} year={todayInVietnam().getUTCFullYear()} /></div>
            </details>
          )}
        </Card>
        {writable && (
          <Card title={t('groups.editTitle')}>
            <EditGroupForm group={group} chapters={chapters} kinds={kinds} members={members.map((m) => ({ value: m.id, label: m.fullName }))} />
          </Card>
        )}
        {approved > 0 && (
          <Card title={t('loans.page.batchTitle')}>
            <DisburseGroupForm groupId={group.id} count={approved} />
          </Card>
        )}
        {writable && (
          <div className="space-y-5">
            {siblings.length > 0 && (
              <Card title={t('groups.mergeTitle')}>
                <MergeGroupForm survivorId={group.id} candidates={siblings.map((g) => ({ value: g.id, label: `${g.code} · ${g.name}` }))} />
              </Card>
            )}
            <Card title={t('groups.dissolveTitle')}>
              <DissolveGroupForm groupId={group.id} />
            </Card>
          </div>
        )}
      </div>
    </>
  );
}
