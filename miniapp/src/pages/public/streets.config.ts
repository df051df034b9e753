export default definePageConfig({ navigationBarTitleText: '示范街区' });
