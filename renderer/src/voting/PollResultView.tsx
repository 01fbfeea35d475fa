import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollOutcome } from '#protocol/voting.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { platform } from '../platform/index.ts';
import { vietnamDateAndTime } from '../preparation/vietnam-time.ts';
import type { MyBallot } from './my-ballots.ts';
import { formatPercent, ruleText } from './rule-text.ts';
import { SignatureCheck } from './SignatureCheck.tsx';
import { useSignedResult } from './use-signed-result.ts';
import { downloadResult } from './voting-commands.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

const MIME = { csv: 'text/csv', json: 'application/json' } as const;

/**
 * A closed poll's result as a person reads it out: the verdict in big
 * letters, each option with its count and share of the base, the rule in
 * words and the number it required; then who chose what (named) or every
 * receipt code (secret), the signature check and the files. The outcome
 * comes with the live document; the lists come with the signed result.
 */
export function PollResultView({ result, mine, myUserId }: { result: PollOutcome; mine: MyBallot | null; myUserId: string }) {
  const { t, i18n } = useTranslation();
  const { token } = useSession();
  const signed = useSignedResult(result);
  const full = signed.state.phase === 'done' ? signed.state.result : null;
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const optionLabel = (option: number) => result.tallies.find((tally) => tally.option === option)?.label ?? '';
  const rule = ruleText(t, result.rule);

  const download = (format: 'csv' | 'json') => {
    setDownloadError(null);
    downloadResult(result.pollId, token, format)
      .then((bytes) => platform.saveFile(`${t('voting.result.fileName')}-${result.pollId}.${format}`, bytes, MIME[format]))
      .catch((failure: unknown) => setDownloadError(t('voting.result.downloadFailed', { reason: errorText(t, failure) })));
  };

  return (
    <section className="poll-result" data-testid="poll-result">
      <div className="poll-result-summary" data-testid="poll-result-summary">
        {result.passed === null ? (
          <p className="poll-verdict no-verdict">{t('voting.result.noVerdict')}</p>
        ) : (
          <p className={`poll-verdict ${result.passed ? 'passed' : 'not-passed'}`} data-testid="poll-verdict" data-passed={result.passed}>
            {result.passed ? t('voting.result.passed') : t('voting.result.notPassed')}
          </p>
        )}
        <table className="poll-tallies" data-testid="poll-tallies">
          <thead>
            <tr>
              <th scope="col">{t('voting.result.option')}</th>
              <th scope="col">{t('voting.result.count')}</th>
              <th scope="col">{t('voting.result.percent')}</th>
            </tr>
          </thead>
          <tbody>
            {result.tallies.map((tally) => (
              <tr key={tally.option} className={tally.option === result.passOption ? 'pass-option' : undefined}>
                <th scope="row">{tally.label}</th>
                <td>{tally.count}</td>
                <td>{formatPercent(tally.percentOfBase, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="poll-result-line">{t('voting.result.percentNote', { base: t(`voting.base.${result.rule.base}`), count: result.base })}</p>
        {result.required !== null && result.passOption !== null ? (
          <p className="poll-result-line">{t('voting.result.required', { required: result.required, option: optionLabel(result.passOption), rule })}</p>
        ) : (
          <p className="poll-result-line">{t('voting.rule', { rule })}</p>
        )}
        <p className="poll-result-line muted">{t('voting.result.turnout', { eligible: result.eligible, present: result.present, cast: result.cast })}</p>
      </div>

      {full?.namedChoices && full.namedChoices.length > 0 && (
        <details className="session-details" open>
          <summary>{t('voting.result.named')}</summary>
          <table className="poll-choices" data-testid="named-choices">
            <tbody>
              {full.namedChoices.map((choice) => (
                <tr key={choice.voterId} className={choice.voterId === myUserId ? 'mine' : undefined}>
                  <th scope="row">
                    {choice.name} {choice.voterId === myUserId && <span className="muted">{t('voting.result.yours')}</span>}
                  </th>
                  <td>{optionLabel(choice.option)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}

      {full?.receipts && (
        <details className="session-details" open>
          <summary>{t('voting.result.receipts')}</summary>
          <p className="hint">{t('voting.result.receiptsHint')}</p>
          <ul className="poll-receipts" data-testid="published-receipts">
            {full.receipts.map((entry) => {
              const isMine = mine?.receipt === entry.receipt;
              return (
                <li key={entry.receipt} className={isMine ? 'mine' : undefined} data-testid="published-receipt" data-mine={isMine}>
                  <code>{entry.receipt}</code>
                  <span>{optionLabel(entry.option)}</span>
                  {isMine && <strong className="receipt-mine">← {t('voting.result.mine')}</strong>}
                </li>
              );
            })}
          </ul>
        </details>
      )}

      {result.paperReport && (
        <dl className="paper-report" data-testid="paper-report">
          <div className="paper-report-heading">{t('voting.result.paper.heading')}</div>
          {(['issued', 'returned', 'valid', 'invalid'] as const).map((field) => (
            <div key={field}>
              <dt>{t(`voting.result.paper.${field}`)}</dt>
              <dd>{result.paperReport?.[field]}</dd>
            </div>
          ))}
        </dl>
      )}

      <SignatureCheck state={signed.state} onRetry={signed.retry} />
      <p className="hint">{t('voting.result.closedAt', { time: vietnamDateAndTime(result.closedAt).time })}</p>
      <div className="session-buttons">
        <button type="button" className="button secondary" onClick={() => download('csv')}>
          {t('voting.result.downloadCsv')}
        </button>
        <button type="button" className="button secondary" onClick={() => download('json')}>
          {t('voting.result.downloadJson')}
        </button>
      </div>
      <ErrorMessage>{downloadError}</ErrorMessage>
    </section>
  );
}
