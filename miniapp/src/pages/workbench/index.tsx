import { useCallback, useEffect, useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { AreasTree, CadreListItem, Me, WorkbenchComplaint, WorkbenchQueue } from '@sa/contracts';
import { fetchAreas, fetchWorkbenchComplaint, fetchWorkbenchQueue, searchCadres, type QueueFilters } from '../../api';
import { LoadError } from '../../components/load-error';
import { errorMessage } from '../../components/show-error';
import { WbStaffGate } from '../../components/wb-staff-gate';
import { DetailPanel } from './detail';
import { QueuePanel } from './queue';
import './index.css';

const URL = '/pages/workbench/index';

function Workbench({ me }: { me: Me }) {
  const { params } = useRouter();
  const [filters, setFilters] = useState<QueueFilters>({});
  const [page, setPage] = useState(0);
  const [queue, setQueue] = useState<WorkbenchQueue | null>(null);
  const [queueError, setQueueError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(params.id ? Number(params.id) || null : null);
  const [detail, setDetail] = useState<WorkbenchComplaint | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [areas, setAreas] = useState<AreasTree | null>(null);
  const [cadres, setCadres] = useState<CadreListItem[] | null>(null);
  const latest = useRef(0);
  const staff = me.role !== 'CADRE';

  const loadQueue = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    setQueueError(null);
    try {
      const next = await fetchWorkbenchQueue(filters, page);
      if (ticket === latest.current) setQueue(next);
    } catch (error) {
      if (ticket === latest.current) setQueueError(errorMessage(error));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [filters, page]);

  useEffect(() => void loadQueue(), [loadQueue]);

  useEffect(() => {
    fetchAreas().then(setAreas, () => setAreas(null));
    if (staff) searchCadres('', 200).then((p) => setCadres(p.items), () => setCadres([]));
  }, [staff]);

  const loadDetail = useCallback(async (id: number) => {
    setDetailError(null);
    try {
      setDetail(await fetchWorkbenchComplaint(id));
    } catch (error) {
      setDetail(null);
      setDetailError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    setDetail(null);
    if (selectedId !== null) void loadDetail(selectedId);
  }, [selectedId, loadDetail]);

  const changeFilters = (next: QueueFilters) => {
    setFilters(next);
    setPage(0);
  };

  // After an action the detail is the server's answer; the queue may have changed too (status, order, counts).
  const changed = (updated: WorkbenchComplaint) => {
    setDetail(updated);
    void loadQueue();
  };

  const streets = (areas?.offices ?? []).flatMap((o) => o.streets.map((s) => ({ id: s.id, name: s.name })));

  return (
    <View className={`wb-layout${selectedId !== null ? ' wb-has-selection' : ''}`}>
      <QueuePanel
        queue={queue}
        loading={loading}
        error={queueError}
        onRetry={() => void loadQueue()}
        filters={filters}
        onFilters={changeFilters}
        page={page}
        onPage={setPage}
        streets={streets}
        cadres={staff ? cadres : null}
        selectedId={selectedId}
        onOpen={setSelectedId}
      />
      <View className='wb-detail-pane'>
        {selectedId === null && <View className='card hint wb-pick'>在左侧列表中选择一件投诉举报查看详情。</View>}
        {selectedId !== null && detailError && (
          <View className='card'>
            <LoadError message={detailError} onRetry={() => void loadDetail(selectedId)} />
          </View>
        )}
        {selectedId !== null && !detail && !detailError && <View className='card hint'>加载中…</View>}
        {detail && (
          <DetailPanel complaint={detail} areas={areas} onChanged={changed} onOpen={setSelectedId} onBack={() => setSelectedId(null)} />
        )}
      </View>
    </View>
  );
}

/** 工作台: the queue and the complaint detail, for office staff, cadres and the admin. */
export default function WorkbenchPage() {
  return (
    <WbStaffGate current={URL} roles={['OFFICE_STAFF', 'CADRE', 'ADMIN']}>
      {(me) => <Workbench me={me} />}
    </WbStaffGate>
  );
}
