/** Command-line switch by which the main process tells the preload the server origin (sandboxed preloads see process.argv). */
export const SERVER_ARGUMENT = '--dien-hong-server=';
