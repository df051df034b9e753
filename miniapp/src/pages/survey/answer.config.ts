export default definePageConfig({ navigationBarTitleText: '参加满意度测评' });
