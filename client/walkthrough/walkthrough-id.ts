/** The Getting Started walkthrough (package.json `contributes.walkthroughs`), as openWalkthrough names it. */
export const WALKTHROUGH_ID = 'dagger-workflows.dagger-workflows#gettingStarted';
