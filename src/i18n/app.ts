import { defineStrings } from './define';

export const appStrings = defineStrings({
  en: {
    'app.title': 'Lockstep',
    'app.tagline': 'See Python multiprocessing happen: real workers, real shared memory, real races.',
    'app.language': 'Language',
    'app.lab': 'Lab',
    'app.lab.race': 'Processes & locks',
    'app.lab.cpu': 'CPU scheduling',
    'app.lab.python': 'Your own Python',
    'app.notices': 'Notices',
    'app.dismiss': 'Dismiss',
    'app.invalidParam': 'Ignored URL parameter “{name}”: “{value}” is not valid ({hint}). Using the default.',
    'app.cutValue': '{value} ({count} characters)',
    'app.unknownParam': 'Ignored URL parameter “{name}” (“{value}”): this page has no such setting.',
    'app.unreadParam': 'Ignored URL parameter “{name}” (“{value}”): the scenario “{scenario}” is unknown, so its settings were not read.',
    'app.repeatedParam': 'URL parameter “{name}” is given {count} times: using the first, “{value}”.',
    'isolation.title': 'This page is not cross-origin isolated',
    'isolation.body':
      'Lockstep runs every simulated process in a Web Worker that shares memory with the others through a SharedArrayBuffer. Browsers only allow that on a cross-origin isolated page.',
    'isolation.missing': 'Missing: {what}',
    'isolation.fix':
      'Serve the app with the headers “Cross-Origin-Opener-Policy: same-origin” and “Cross-Origin-Embedder-Policy: require-corp” on every response (npm start does this), and open it over http://localhost or https.',
  },
  zh: {
    'app.title': 'Lockstep 同步',
    'app.tagline': '亲眼看见 Python multiprocessing：真实的 Worker、真实的共享内存、真实的竞争。',
    'app.language': '语言',
    'app.lab': '实验',
    'app.lab.race': '进程与锁',
    'app.lab.cpu': 'CPU 调度',
    'app.lab.python': '你自己的 Python',
    'app.notices': '提示',
    'app.dismiss': '关闭',
    'app.invalidParam': '已忽略 URL 参数“{name}”：“{value}”无效（{hint}），使用默认值。',
    'app.cutValue': '{value}（共 {count} 个字符）',
    'app.unknownParam': '已忽略 URL 参数“{name}”（“{value}”）：本页面没有这个设置。',
    'app.unreadParam': '已忽略 URL 参数“{name}”（“{value}”）：场景“{scenario}”不存在，所以没有读取它的设置。',
    'app.repeatedParam': 'URL 参数“{name}”出现了 {count} 次：使用第一个，“{value}”。',
    'isolation.title': '此页面没有跨源隔离',
    'isolation.body':
      'Lockstep 把每个模拟进程放在一个 Web Worker 中运行，它们通过 SharedArrayBuffer 共享内存。浏览器只在跨源隔离的页面上允许这样做。',
    'isolation.missing': '缺少：{what}',
    'isolation.fix':
      '请在每个响应上发送 “Cross-Origin-Opener-Policy: same-origin” 和 “Cross-Origin-Embedder-Policy: require-corp” 两个响应头（npm start 已这样做），并通过 http://localhost 或 https 打开。',
  },
});
