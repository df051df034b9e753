export default definePageConfig({ navigationBarTitleText: '处罚信息公示' });
