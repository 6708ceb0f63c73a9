/** `/version`: the Kubernetes version Portico's API server speaks. */

/**
 * The minor version decides which kubectl the image's kubectl dispatcher runs (1.27–1.33 are shipped); 1.33 is the
 * newest the dispatcher can match, and our protobuf decoding covers what its typed commands send.
 */
export const serverVersion = { major: '1', minor: '33', gitVersion: 'v1.33.0' } as const;

/** The `/version` document. */
export function versionInfo(): Record<string, string> {
  return {
    major: serverVersion.major,
    minor: serverVersion.minor,
    emulationMajor: serverVersion.major,
    emulationMinor: serverVersion.minor,
    minCompatibilityMajor: '1',
    minCompatibilityMinor: '32',
    gitVersion: serverVersion.gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'tsc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
