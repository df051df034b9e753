import { AdminShell } from './admin-shell';

export default function AdminCadresPage() {
  return <AdminShell current='/pages/admin/cadres' title='包保干部管理'>{() => null}</AdminShell>;
}
