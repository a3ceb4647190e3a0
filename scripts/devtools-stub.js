// Stands in for react-devtools-core in the bundle: Ink only connects to it when DEV=true.
export default { initialize() {}, connectToDevTools() {} };
