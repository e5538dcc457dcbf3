// Runs before each test file (jest `setupFiles`), in the worker process.
// The AWS SDK warns once per module registry (so once per test file, 34 times a run) that its releases after
// January 2027 need Node 22; the project supports Node 20.19+ until then. Silenced here, once for every test
// file and every CLI the tests spawn (they inherit this environment).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
