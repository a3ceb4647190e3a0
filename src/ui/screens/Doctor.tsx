import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { STATUS_MARK } from '../../doctor/format-report.js';
import { runDoctor, type CheckStatus, type DoctorReport } from '../../doctor/run-doctor.js';
import { labImages } from '../../content/lab-images.js';
import { useServices } from '../app-context.js';
import { useNavigation } from '../navigation.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';

const COLORS: Record<CheckStatus, string> = { ok: 'green', warn: 'yellow', fail: 'red' };

const HINTS = [
  { keys: 'r', action: 're-run' },
  { keys: 'esc/b', action: 'back' },
  { keys: 'q', action: 'back' },
];

/** The doctor's checks as a live screen: a spinner while docker answers, then the table. */
export function Doctor() {
  const { back } = useNavigation();
  const { docker, roots } = useServices();
  const [report, setReport] = useState<DoctorReport>();
  const [run, setRun] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setReport(undefined);
    runDoctor(docker, { labImages: labImages(roots), signal: controller.signal }).then(
      (result) => {
        if (!controller.signal.aborted) setReport(result);
      },
      () => {},
    );
    return () => controller.abort();
  }, [docker, roots, run]);

  useInput((input, key) => {
    if (key.escape || input === 'b' || input === 'q') back();
    else if (input === 'r') setRun((n) => n + 1);
  });

  return (
    <ScreenFrame title="Doctor" subtitle="is this machine ready for the labs?" hints={HINTS}>
      {report ? (
        <Box flexDirection="column">
          {report.checks.map((check) => (
            <Box key={check.id} flexDirection="column">
              <Text>
                <Text color={COLORS[check.status]}>{STATUS_MARK[check.status]}</Text>{' '}
                <Text bold>{check.title}</Text>
                <Text> {check.detail}</Text>
              </Text>
              {check.fix && check.status !== 'ok' ? (
                <Text color="yellow"> fix: {check.fix}</Text>
              ) : null}
            </Box>
          ))}
          <Box marginTop={1}>
            <Text color={report.canRunLabs ? 'green' : 'red'}>
              {report.canRunLabs
                ? 'Labs can run on this machine.'
                : 'Labs cannot run until the problems marked ✗ are fixed.'}
            </Text>
          </Box>
        </Box>
      ) : (
        <Spinner label="Asking Docker…" />
      )}
    </ScreenFrame>
  );
}
