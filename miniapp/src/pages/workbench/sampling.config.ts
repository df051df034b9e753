export default definePageConfig({ navigationBarTitleText: '抽检登记' });
