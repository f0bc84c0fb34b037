import { createListenerRoutes } from '../../../src/slack/listener-registry';
import type { SlackRequestArgs } from '../../../src/slack/middleware/step';

const click = (actionId: string) =>
  ({ body: { type: 'block_actions' }, action: { type: 'button', action_id: actionId } }) as unknown as SlackRequestArgs;
const submit = (callbackId: string) =>
  ({ body: { type: 'view_submission' }, view: { callback_id: callbackId } }) as unknown as SlackRequestArgs;
const event = (type: string) => ({ body: { type: 'event_callback' }, event: { type } }) as unknown as SlackRequestArgs;
const command = (name: string) => ({ body: {}, command: { command: name } }) as unknown as SlackRequestArgs;

describe('createListenerRoutes', () => {
  it('hands each kind of request to the listeners registered for its id, and to no other', async () => {
    const { registry, dispatch } = createListenerRoutes();
    const seen: string[] = [];
    registry.action('approve', async () => void seen.push('approve'));
    registry.action(/^open_(timeline|plan)$/, async () => void seen.push('open'));
    registry.view('edit_draft', async () => void seen.push('edit'));
    registry.event('app_home_opened', async () => void seen.push('home'));
    registry.command('/thread', async () => void seen.push('thread'));

    for (const args of [
      click('approve'),
      click('open_plan'),
      click('open_settings'),
      submit('edit_draft'),
      submit('approve'),
      event('app_home_opened'),
      event('approve'),
      command('/thread'),
      command('/other'),
    ])
      await dispatch(args);
    expect(seen).toEqual(['approve', 'open', 'edit', 'home', 'thread']);
  });

  it('runs every listener of an id, exact ones before patterns, and throws the first failure after all ran', async () => {
    const { registry, dispatch } = createListenerRoutes();
    const seen: string[] = [];
    registry.action(/^exec/, async () => {
      seen.push('pattern');
      throw new Error('pattern failed');
    });
    registry.action('execute', async () => void seen.push('exact'));
    await expect(dispatch(click('execute'))).rejects.toThrow('pattern failed');
    expect(seen).toEqual(['exact', 'pattern']);
  });

  it('leaves a block action inside a modal to the actions, not to the modal listener', async () => {
    const { registry, dispatch } = createListenerRoutes();
    const seen: string[] = [];
    registry.view('people', async () => void seen.push('submit'));
    registry.action('person_role', async () => void seen.push('role'));
    await dispatch({
      body: { type: 'block_actions', view: { callback_id: 'people' } },
      action: { type: 'static_select', action_id: 'person_role' },
    } as unknown as SlackRequestArgs);
    expect(seen).toEqual(['role']);
  });
});
