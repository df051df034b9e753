import { AdminShell } from './admin-shell';

export default function AdminIndexPage() {
  return <AdminShell current='/pages/admin/index' title='区食安办管理'>{() => null}</AdminShell>;
}
