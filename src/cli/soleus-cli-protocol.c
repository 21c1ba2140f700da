/* soleus-cli-protocol.c: `soleus-cli protocol avp|apg|posture`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The virtual clinical tests of the core, run on a leg described by the
 * control options (or a scenario's starting controls). Each test sets the
 * posture itself, so --posture is refused rather than silently ignored.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "soleus-cli-private.h"

#define PROTOCOL_OPTIONS (SOLEUS_CLI_OPT_CONTROLS | SOLEUS_CLI_OPT_NO_POSTURE | \
                          SOLEUS_CLI_OPT_SCENARIO | SOLEUS_CLI_OPT_SCENARIO_FILE | \
                          SOLEUS_CLI_OPT_JSON)

typedef gboolean (*ProtocolFunc) (const double    controls[SOLEUS_N_PARAMS],
                                  SoleusJson  *json,
                                  GString        *text);

typedef struct
{
  const char   *name;
  ProtocolFunc  func;
  const char   *summary;   /* English, N_() */
} Protocol;

/* One figure of a test, written both as a JSON key and as a line of text. */
typedef struct
{
  const char *key;      /* JSON key, untranslated */
  const char *label;    /* translated, for the text */
  const char *format;   /* printf format for the text */
  double      value;
  const char *unit;     /* for the text; NULL for a count */
  gboolean    whole;    /* an integer in JSON */
} Figure;

static void
append_figures (SoleusJson   *json,
                GString      *text,
                const char   *heading,
                const Figure *figures,
                gsize         n_figures)
{
  for (gsize i = 0; i < n_figures; i++)
    {
      if (figures[i].whole)
        soleus_json_int (json, figures[i].key, (int) figures[i].value);
      else
        soleus_json_number (json, figures[i].key, figures[i].value);
    }

  g_string_append_printf (text, "%s\n", heading);
  for (gsize i = 0; i < n_figures; i++)
    soleus_cli_append_figure (text, figures[i].label, figures[i].format, figures[i].value,
                              figures[i].unit);
}

static gboolean
run_avp (const double    controls[SOLEUS_N_PARAMS],
         SoleusJson  *json,
         GString        *text)
{
  SoleusAvpResult r;

  if (!soleus_protocol_avp (controls, &r))
    return FALSE;

  {
    const Figure figures[] = {
      { "standing_mmHg", _("Standing still"), "%.1f", r.standing_mmhg, "mmHg", FALSE },
      { "walking_mmHg", _("Walking plateau"), "%.1f", r.walking_mmhg, "mmHg", FALSE },
      { "drop_mmHg", _("Fall"), "%.1f", r.drop_mmhg, "mmHg", FALSE },
      { "drop_percent", _("Fall, relative"), "%.0f", r.drop_percent, "%", FALSE },
      { "strides_to_plateau", _("Strides to the plateau"), "%.0f", r.strides_to_plateau, NULL,
        TRUE },
      { "seconds_to_plateau", _("Time to the plateau"), "%.1f", r.seconds_to_plateau, "s",
        FALSE },
      { "rt90_s", _("Refill time to 90 percent of standing (RT90)"), "%.1f", r.rt90_s, "s",
        FALSE },
    };

    append_figures (json, text,
                    _("Ambulatory venous pressure at the ankle "
                      "(stand, walk, stop):"),
                    figures, G_N_ELEMENTS (figures));
  }
  return TRUE;
}

static gboolean
run_apg (const double    controls[SOLEUS_N_PARAMS],
         SoleusJson  *json,
         GString        *text)
{
  SoleusApgResult r;

  if (!soleus_protocol_apg (controls, &r))
    return FALSE;

  {
    const Figure figures[] = {
      { "vv_mL", _("Venous volume (VV)"), "%.0f", r.vv_ml, "mL", FALSE },
      { "vfi_mL_s", _("Venous filling index (VFI)"), "%.2f", r.vfi_ml_s, "mL/s", FALSE },
      { "ev_mL", _("Ejected volume, one tiptoe (EV)"), "%.0f", r.ev_ml, "mL", FALSE },
      { "ef_percent", _("Ejection fraction (EF)"), "%.0f", r.ef_percent, "%", FALSE },
      { "rv_mL", _("Residual volume, ten tiptoes (RV)"), "%.0f", r.rv_ml, "mL", FALSE },
      { "rvf_percent", _("Residual volume fraction (RVF)"), "%.0f", r.rvf_percent, "%", FALSE },
    };

    append_figures (json, text, _("Air plethysmography of the calf:"),
                    figures, G_N_ELEMENTS (figures));
  }
  return TRUE;
}

static gboolean
run_posture (const double    controls[SOLEUS_N_PARAMS],
             SoleusJson  *json,
             GString        *text)
{
  SoleusPostureResult r;

  if (!soleus_protocol_posture (controls, &r))
    return FALSE;

  {
    const Figure figures[] = {
      { "supine_mmHg", _("Lying down"), "%.1f", r.supine_mmhg, "mmHg", FALSE },
      { "sitting_mmHg", _("Sitting"), "%.1f", r.sitting_mmhg, "mmHg", FALSE },
      { "standing_mmHg", _("Standing"), "%.1f", r.standing_mmhg, "mmHg", FALSE },
      { "legs_up_mmHg", _("Lying, legs raised 30 cm"), "%.1f", r.legs_up_mmhg, "mmHg", FALSE },
      { "right_atrial_mmHg", _("Right atrium"), "%.1f", r.right_atrial_mmhg, "mmHg", FALSE },
    };

    append_figures (json, text,
                    _("Steady ankle venous pressure, motionless, in each posture:"),
                    figures, G_N_ELEMENTS (figures));
  }
  return TRUE;
}

static const Protocol protocols[] = {
  { "avp",     run_avp,
    N_("ambulatory venous pressure: stand, walk, stop and time the refill") },
  { "apg",     run_apg,
    N_("air plethysmography: VV, VFI, EF and RVF of the calf") },
  { "posture", run_posture,
    N_("steady ankle pressure lying, sitting, standing and with the legs up") },
};

static char *
join_protocol_names (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, protocols[i].name);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Fails, as any output does, when stdout cannot be written. */
static gboolean
print_help (GError **error)
{
  const char *const usage[] = {
    _("Usage: soleus-cli protocol TEST [OPTION…]"),
    NULL,
  };
  g_autoptr(GString) tests = g_string_new (NULL);

  g_string_append_printf (tests, "\n%s\n", _("Tests:"));
  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    g_string_append_printf (tests, "  %-9s %s\n", protocols[i].name, _(protocols[i].summary));

  return soleus_cli_print_help (usage,
                                _("Run a virtual clinical test on a leg described by the "
                                  "controls. The test sets the posture itself; a walking "
                                  "speed of 0 (the default) means the standard 3 km/h."),
                                tests->str, PROTOCOL_OPTIONS, error);
}

gboolean
soleus_cli_protocol (int      argc,
                     char   **argv,
                     GError **error)
{
  g_auto(SoleusCliArgs) args = { 0 };
  g_autoptr(SoleusJson) json = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *output = NULL;
  const Protocol *protocol = NULL;
  const char *name;

  if (!soleus_cli_parse_args (argv[0], PROTOCOL_OPTIONS, argc, argv, &args, error))
    return FALSE;

  if (args.help)
    {
      return print_help (error);
    }

  if (args.positional->len == 0)
    {
      g_autofree char *names = join_protocol_names ();

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: protocol: missing test (avp, apg, posture) */
                   _("%s: missing test (%s)"), argv[0], names);
      return FALSE;
    }

  name = g_ptr_array_index (args.positional, 0);
  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    if (strcmp (protocols[i].name, name) == 0)
      protocol = &protocols[i];

  if (protocol == NULL)
    {
      g_autofree char *names = join_protocol_names ();
      g_autofree char *escaped = soleus_text_escape (name, -1, SOLEUS_TEXT_QUOTE_CHARS);

      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_USAGE,
                   /* Translators: protocol: 'x' is not a test (avp, apg, posture) */
                   _("%s: '%s' is not a test (%s)"), argv[0], escaped, names);
      return FALSE;
    }

  if (!soleus_cli_check_positional (&args, 1, argv[0], error))
    return FALSE;

  json = soleus_cli_json_new_summary ();
  text = g_string_new (NULL);

  soleus_json_string (json, "protocol", protocol->name);
  soleus_cli_json_scenario (json, &args);
  soleus_cli_json_controls (json, "controls", args.controls);

  g_string_append_printf (text, _("Soleus model %s: an educational model, not a diagnostic tool"),
                          soleus_cli_model_version ());
  g_string_append_c (text, '\n');

  if (!protocol->func (args.controls, json, text))
    {
      g_set_error (error, SOLEUS_CLI_ERROR, SOLEUS_CLI_ERROR_FAILED,
                   _("protocol %s: the model refused the controls"), protocol->name);
      return FALSE;
    }

  if (args.json)
    output = soleus_cli_json_finish_summary (json);
  else
    output = g_strdup (text->str);

  return soleus_cli_print_stdout (output, error);
}
