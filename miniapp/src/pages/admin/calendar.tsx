import { AdminShell } from './admin-shell';

export default function AdminCalendarPage() {
  return <AdminShell current='/pages/admin/calendar' title='工作日历'>{() => null}</AdminShell>;
}
