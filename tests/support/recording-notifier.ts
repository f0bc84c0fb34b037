/**
 * The one Notifier test double: records every call, in order, with its arguments, as the Slack side would receive
 * it. It `implements Notifier`, so a new port method fails to compile here until it gets its one line below.
 */
import type { Notifier } from '../../src/services/notifications/notifier-port';

type Method = keyof Notifier;
type Args<M extends Method> = Parameters<Notifier[M]>;

/** One recorded call: the method and the arguments it was given. */
export type NotifierCall = { [M in Method]: { method: M; args: Args<M> } }[Method];

type CallTo<M extends Method> = { method: M; args: Args<M> };

function isCallTo<M extends Method>(call: { method: Method; args: readonly unknown[] }, method: M): call is CallTo<M> {
  return call.method === method;
}

export class RecordingNotifier implements Notifier {
  /** Every call that was delivered, in the order it was made. */
  readonly log: NotifierCall[] = [];
  /** Calls that threw because of `failWith`: attempted, never delivered. */
  readonly failed: NotifierCall[] = [];
  private readonly failures = new Map<Method, Error>();

  actionChanged = (...args: Args<'actionChanged'>) => this.record({ method: 'actionChanged', args });
  actionsChanged = async (...args: Args<'actionsChanged'>) => {
    await this.record({ method: 'actionsChanged', args });
    return [];
  };
  accountChanged = (...args: Args<'accountChanged'>) => this.record({ method: 'accountChanged', args });
  notifyUser = (...args: Args<'notifyUser'>) => this.record({ method: 'notifyUser', args });
  notifyAccountChannel = (...args: Args<'notifyAccountChannel'>) =>
    this.record({ method: 'notifyAccountChannel', args });
  sendDigest = (...args: Args<'sendDigest'>) => this.record({ method: 'sendDigest', args });
  submissionReviewReminder = (...args: Args<'submissionReviewReminder'>) =>
    this.record({ method: 'submissionReviewReminder', args });
  submissionReviewEscalation = (...args: Args<'submissionReviewEscalation'>) =>
    this.record({ method: 'submissionReviewEscalation', args });
  portalAnswerReceived = (...args: Args<'portalAnswerReceived'>) =>
    this.record({ method: 'portalAnswerReceived', args });
  portalRequestSent = (...args: Args<'portalRequestSent'>) => this.record({ method: 'portalRequestSent', args });
  handoffRequested = (...args: Args<'handoffRequested'>) => this.record({ method: 'handoffRequested', args });
  handoffOpened = (...args: Args<'handoffOpened'>) => this.record({ method: 'handoffOpened', args });
  handoffOverdue = (...args: Args<'handoffOverdue'>) => this.record({ method: 'handoffOverdue', args });
  handoffSubmitted = (...args: Args<'handoffSubmitted'>) => this.record({ method: 'handoffSubmitted', args });

  /** From now on `method` throws `error`, as Slack being down would; `undefined` brings it back. */
  failWith(method: Method, error: Error | undefined): void {
    if (error) this.failures.set(method, error);
    else this.failures.delete(method);
  }

  /** The arguments of every call to `method`, in order. */
  calls<M extends Method>(method: M): Args<M>[] {
    const found: Args<M>[] = [];
    for (const call of this.log) if (isCallTo(call, method)) found.push(call.args);
    return found;
  }

  /** The actions whose cards were asked for, one by one (actionChanged) or in a batch (actionsChanged), in order. */
  changedActions(): string[] {
    return this.log.flatMap((call) =>
      isCallTo(call, 'actionChanged') ? [call.args[0]] : isCallTo(call, 'actionsChanged') ? [...call.args[0]] : [],
    );
  }

  /** The methods called, in order. */
  methods(): Method[] {
    return this.log.map((c) => c.method);
  }

  private async record(call: NotifierCall): Promise<void> {
    const failure = this.failures.get(call.method);
    if (failure) {
      this.failed.push(call);
      throw failure;
    }
    this.log.push(call);
  }
}
