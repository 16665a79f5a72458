import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/card';
import { formatDateOnly } from '@/lib/calendar/date-only';
import type { OrgTreeNode } from '@/lib/org';

export async function OrgTree({ root }: { root: OrgTreeNode }) {
  const t = await getTranslations();
  const renderNode = (node: OrgTreeNode) => (
    <li key={node.id} className="mt-1">
      <div className="flex flex-wrap items-center gap-2 py-1">
        <Link href={`/org-units/${node.id}`} className="font-medium text-rose-800 underline-offset-2 hover:underline">
          {node.name}
        </Link>
        <span className="font-mono text-xs text-slate-600">{node.code}</span>
        <Badge>{t(`levels.${node.level}`)}</Badge>
        {node.validTo ? <Badge tone="amber">{t('org.endedOn', { date: formatDateOnly(node.validTo) })}</Badge> : !node.active && <Badge tone="amber">{t('org.inactive')}</Badge>}
        {node.validFrom && <Badge>{t('org.since', { date: formatDateOnly(node.validFrom) })}</Badge>}
      </div>
      {node.children.length > 0 && <ul className="ml-4 border-l border-slate-200 pl-3">{node.children.map(renderNode)}</ul>}
    </li>
  );
  return (
    <ul aria-label={t('org.treeLabel')} data-testid="org-tree">
      {renderNode(root)}
    </ul>
  );
}
