export { advanceClock, currentYear, now, parseClockSetting, setClock, todayInVietnam } from './clock';
