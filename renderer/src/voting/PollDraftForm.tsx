import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_POLL_OPTIONS, PollBase, PollRule, type PollDraft, type PollMode } from '#protocol/voting.ts';
import { errorText } from '../app/error-text.ts';
import { useSession } from '../app/session-context.tsx';
import { createPoll } from './voting-commands.ts';
import { ErrorMessage } from '../app/ErrorMessage.tsx';

type RuleChoice = 'half' | 'twoThirds' | 'custom';

/** The agenda item a new poll is about, if one is selected. */
export interface PollSubject {
  id: string;
  title: string;
}

/**
 * Preparing a poll (chair or secretary): its question, options, named or
 * secret, the pass rule and its base, an optional timer. The defaults are
 * HĐND practice, so a usual vote is one press of "Tạo biểu quyết".
 */
export function PollDraftForm({ meetingId, subject, onCreated }: { meetingId: string; subject: PollSubject | null; onCreated(): void }) {
  const { t } = useTranslation();
  const { token } = useSession();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [titleEdited, setTitleEdited] = useState(false);
  const [options, setOptions] = useState<string[]>([...DEFAULT_POLL_OPTIONS]);
  const [passOption, setPassOption] = useState<number | null>(0);
  const [mode, setMode] = useState<PollMode>('named');
  const [ruleChoice, setRuleChoice] = useState<RuleChoice>('half');
  const [comparison, setComparison] = useState<PollRule['comparison']>('more_than');
  const [numerator, setNumerator] = useState('1');
  const [denominator, setDenominator] = useState('2');
  const [base, setBase] = useState<PollBase>('all_delegates');
  const [minutes, setMinutes] = useState('');
  const [allowChange, setAllowChange] = useState(false);
  const [showLiveResults, setShowLiveResults] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // The question follows the selected agenda item until someone types their own.
  const subjectTitle = subject?.title ?? '';
  useEffect(() => {
    if (!titleEdited) setTitle(subjectTitle);
  }, [subjectTitle, titleEdited]);

  // The note confirms the press; the new draft card below is the lasting sign.
  useEffect(() => {
    if (!created) return;
    const timer = setTimeout(() => setCreated(null), 8000);
    return () => clearTimeout(timer);
  }, [created]);

  if (!open) {
    return (
      <div className="poll-create-closed">
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setOpen(true);
            setCreated(null);
          }}
        >
          + {t('voting.create.open')}
        </button>
        {created && (
          <p className="save-note" role="status">
            {created}
          </p>
        )}
      </div>
    );
  }

  const rule = (): PollRule | null => {
    if (ruleChoice === 'half') return { comparison: 'more_than', numerator: 1, denominator: 2, base };
    if (ruleChoice === 'twoThirds') return { comparison: 'at_least', numerator: 2, denominator: 3, base };
    const parsed = PollRule.safeParse({ comparison, numerator: Number(numerator), denominator: Number(denominator), base });
    return parsed.success ? parsed.data : null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const question = title.trim();
    const labels = options.map((option) => option.trim());
    const chosenRule = rule();
    const timer = minutes.trim() === '' ? null : Number(minutes.trim().replace(',', '.'));
    if (!question) return setProblem(t('voting.create.titleRequired'));
    const distinct = new Set(labels.map((label) => label.toLocaleLowerCase('vi'))).size === labels.length;
    if (labels.length < 2 || labels.length > 20 || labels.some((label) => !label) || !distinct) return setProblem(t('voting.create.optionsInvalid'));
    if (!chosenRule) return setProblem(t('voting.create.fractionInvalid'));
    if (timer !== null && !(timer >= 1 && timer <= 1440)) return setProblem(t('voting.create.timerInvalid'));
    const named = mode === 'named';
    const draft: PollDraft = {
      agendaItemId: subject?.id ?? null,
      title: question,
      options: labels,
      passOption: passOption !== null && passOption < labels.length ? passOption : null,
      mode,
      rule: chosenRule,
      durationSeconds: timer === null ? null : Math.round(timer * 60),
      allowChange: named && allowChange,
      showLiveResults: named && showLiveResults,
    };
    setProblem(null);
    setSaving(true);
    createPoll(meetingId, token, draft)
      .then(
        (poll) => {
          setCreated(t('voting.create.created', { title: poll.title }));
          setOpen(false);
          setTitleEdited(false);
          setTitle(subjectTitle);
          onCreated();
        },
        (failure: unknown) => setProblem(t('voting.create.failed', { reason: errorText(t, failure) })),
      )
      .finally(() => setSaving(false));
  };

  return (
    <form className="poll-create" onSubmit={submit} aria-labelledby="poll-create-heading">
      <h4 id="poll-create-heading">{t('voting.create.heading')}</h4>
      <label className="session-field">
        {t('voting.create.title')}
        <textarea
          value={title}
          rows={2}
          maxLength={500}
          onChange={(event) => {
            setTitle(event.target.value);
            setTitleEdited(true);
          }}
        />
      </label>

      <fieldset className="session-fieldset">
        <legend>{t('voting.create.options')}</legend>
        {options.map((option, index) => (
          <div key={index} className="poll-option-row">
            <input
              aria-label={t('voting.create.option', { number: index + 1 })}
              value={option}
              maxLength={200}
              onChange={(event) => setOptions(options.map((current, at) => (at === index ? event.target.value : current)))}
            />
            <button
              type="button"
              className="button secondary"
              aria-label={t('voting.create.removeOption', { number: index + 1 })}
              disabled={options.length <= 2}
              onClick={() => {
                setOptions(options.filter((_, at) => at !== index));
                if (passOption !== null && passOption >= index) setPassOption(passOption === index ? 0 : passOption - 1);
              }}
            >
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="button secondary" disabled={options.length >= 20} onClick={() => setOptions([...options, ''])}>
          + {t('voting.create.addOption')}
        </button>
        <label className="session-field">
          {t('voting.create.passOption')}
          <select value={passOption ?? 'none'} onChange={(event) => setPassOption(event.target.value === 'none' ? null : Number(event.target.value))}>
            {options.map((option, index) => (
              <option key={index} value={index}>
                {option || t('voting.create.option', { number: index + 1 })}
              </option>
            ))}
            <option value="none">{t('voting.create.noPassOption')}</option>
          </select>
        </label>
      </fieldset>

      <fieldset className="session-fieldset session-choices">
        <legend>{t('voting.create.mode')}</legend>
        {(['named', 'secret'] as const).map((choice) => (
          <label key={choice} className="session-choice">
            <input type="radio" name="poll-mode" checked={mode === choice} onChange={() => setMode(choice)} />
            {t(`voting.create.${choice}`)}
          </label>
        ))}
      </fieldset>

      {passOption !== null && (
        <fieldset className="session-fieldset session-choices">
          <legend>{t('voting.create.rule')}</legend>
          {(['half', 'twoThirds', 'custom'] as const).map((choice) => (
            <label key={choice} className="session-choice">
              <input type="radio" name="poll-rule" checked={ruleChoice === choice} onChange={() => setRuleChoice(choice)} />
              {t(`voting.create.${choice}`)}
            </label>
          ))}
          {ruleChoice === 'custom' && (
            <div className="session-field-row">
              <label className="session-field">
                {t('voting.create.comparison')}
                <select value={comparison} onChange={(event) => setComparison(event.target.value === 'at_least' ? 'at_least' : 'more_than')}>
                  <option value="more_than">{t('voting.create.moreThan')}</option>
                  <option value="at_least">{t('voting.create.atLeast')}</option>
                </select>
              </label>
              <label className="session-field narrow">
                {t('voting.create.numerator')}
                <input inputMode="numeric" value={numerator} onChange={(event) => setNumerator(event.target.value)} />
              </label>
              <label className="session-field narrow">
                {t('voting.create.denominator')}
                <input inputMode="numeric" value={denominator} onChange={(event) => setDenominator(event.target.value)} />
              </label>
            </div>
          )}
          <label className="session-field">
            {t('voting.create.base')}
            <select value={base} onChange={(event) => setBase(PollBase.parse(event.target.value))}>
              {PollBase.options.map((option) => (
                <option key={option} value={option}>
                  {t(`voting.create.baseOption.${option}`)}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      )}

      <label className="session-field">
        {t('voting.create.timer')}
        <input inputMode="decimal" value={minutes} placeholder="—" onChange={(event) => setMinutes(event.target.value)} />
        <span className="hint">{t('voting.create.timerHint')}</span>
      </label>

      {mode === 'named' ? (
        <div className="session-choices">
          <label className="session-choice">
            <input type="checkbox" checked={allowChange} onChange={(event) => setAllowChange(event.target.checked)} />
            {t('voting.create.allowChange')}
          </label>
          <label className="session-choice">
            <input type="checkbox" checked={showLiveResults} onChange={(event) => setShowLiveResults(event.target.checked)} />
            {t('voting.create.showLiveResults')}
          </label>
        </div>
      ) : null}

      <ErrorMessage>{problem}</ErrorMessage>
      <div className="session-buttons">
        <button type="submit" className="button primary" disabled={saving}>
          {t('voting.create.submit')}
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          {t('voting.create.close')}
        </button>
      </div>
    </form>
  );
}
