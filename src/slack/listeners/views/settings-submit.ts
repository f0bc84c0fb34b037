import type { ViewSubmitAction } from '@slack/bolt';
import type { ListenerRegistry } from '../../listener-registry';
import { fieldError } from '../../../services/errors/field-errors';
import { updateSettings } from '../../../services/organizations/update-settings';
import { buildSettingsSavedModal } from '../../blocks/settings-modal';
import { checkChannel } from '../../channels/check-channel';
import type { SlackDeps } from '../../deps';
import { SETTINGS_FIELDS, VIEWS } from '../../ids';
import { actorOf } from '../interaction';
import { readSettingsForm, settingsBlockOfField } from './settings-form';
import { viewFailure } from './view-failure';

/**
 * Saves the Settings modal, all or nothing: every refused setting is shown under its own field and nothing changes;
 * once saved, the modal turns into what changed, from → to. A chosen CSM channel is first checked with Slack, so an
 * admin learns to invite Thread now rather than when the first review card cannot be posted; a new logo URL is
 * asked whether it is an image (updateSettings, with the probe), which can take a few seconds of Slack's three.
 */
export function registerSettingsSubmit(app: ListenerRegistry, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.settings, async ({ ack, body, view, client }) => {
    let timezoneBlock: string = SETTINGS_FIELDS.timezone;
    try {
      const form = readSettingsForm(view);
      timezoneBlock = form.timezoneBlock;
      const actor = await actorOf(deps, body);
      const channel = form.settings.defaultCsmChannelId;
      if (channel) {
        const check = await checkChannel(client, channel);
        if (!check.ok) throw fieldError('defaultCsmChannelId', check.problem);
      }
      const saved = await updateSettings(
        deps.ctx,
        { organizationId: actor.organizationId, actor, settings: form.settings },
        { imageProbe: deps.imageProbe },
      );
      await ack({ response_action: 'update', view: buildSettingsSavedModal(saved) });
    } catch (error) {
      await ack(
        viewFailure(view, error, deps.logger, {
          title: 'Not saved',
          blockOfField: settingsBlockOfField(timezoneBlock),
        }),
      );
    }
  });
}
