/* soleus-readout-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One headline number, the ankle vein pressure, then the few readouts a
 * clinician would point at. Each says its unit, what a healthy leg doing the
 * same shows (the simulation's reference leg) or the clinical range, and what
 * it means in plain words.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "soleus-handout.h"
#include "soleus-patient.h"
#include "soleus-readout-panel.h"

#define REFRESH_US (G_USEC_PER_SEC / 4)
/* A leg still for this long has filled its calf veins (within 0.1%, in
 * every posture the model has). */
#define STILL_S 150.0
/* The calf's blood while moving swings with each stride: its mean, over
 * about five refreshes. */
#define MOVING_MEAN_WEIGHT 0.2
/* The calf's veins settle within about half a minute of starting to walk
 * (from lying down as from standing): before that, a leg that had not yet
 * filled would look emptied. */
#define SETTLE_S 30.0
/* Controls held this long are asked about. */
#define SETTLE_US (G_USEC_PER_SEC / 2)

enum { THIS_LEG, HEALTHY_LEG, N_LEGS };

/* How much blood the calf pump keeps out of the calf veins: the calf's
 * blood kept still in the same posture (a model of its own, run in a
 * worker thread) less its mean while moving. The stroke volume of a stride
 * would make a leaking leg look stronger: blood falling back is pumped up
 * again with every step (post-thrombotic legs eject more per stride than
 * healthy ones and empty their veins far less). */
typedef struct
{
  double still_controls[N_LEGS][SOLEUS_N_PARAMS];
  double still_ml[N_LEGS];       /* NAN until known */
  double moving_ml[N_LEGS];      /* mean while moving; NAN when still */
  double moving_since_s[N_LEGS]; /* simulated time the leg began to move */
  double time_s[N_LEGS];
  gboolean computing;
  gint64   changed_us;           /* monotonic time the controls changed */
} Emptying;

typedef enum
{
  READOUT_REFILL,
  READOUT_EJECTION,
  READOUT_SWELLING,
  READOUT_FLOW,
  READOUT_BLOOD_FLOW,
  READOUT_EFFORT,
  N_READOUTS
} Readout;

struct _SoleusReadoutPanel
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkWidget          *box;
  GtkWidget          *headline_box;
  GtkLabel           *headline_value;
  GtkLabel           *headline_healthy;
  GtkLabel           *headline_meaning;
  GtkListBox         *list;
  GtkLabel           *feelings_label;
  GtkLabel           *advice_label;

  /* Owned references */
  SoleusSimulation   *simulation;

  /* State */
  GtkWidget          *rows[N_READOUTS];
  GtkLabel           *subtitles[N_READOUTS];
  GtkLabel           *values[N_READOUTS];
  GtkLabel           *healthy_values[N_READOUTS];
  gboolean            compare;
  gulong              advanced_handler;
  gint64              last_update;
  gint64              last_plain_update;
  SoleusPressureUnit  unit;
  char               *headline;
  Emptying            emptying;
  GCancellable       *cancellable;
};

G_DEFINE_FINAL_TYPE (SoleusReadoutPanel, soleus_readout_panel, GTK_TYPE_WIDGET)

static const char *
readout_title (Readout r)
{
  switch (r)
    {
    case READOUT_REFILL:
      return _("Refill time");
    case READOUT_EJECTION:
      return _("Calf pump emptying");
    case READOUT_SWELLING:
      return _("Swelling");
    case READOUT_FLOW:
      return _("Flow in the deep veins");
    case READOUT_BLOOD_FLOW:
      return _("Blood flow in the calf");
    case READOUT_EFFORT:
      return _("Muscle effort");
    case N_READOUTS:
    default:
      g_assert_not_reached ();
    }
}

/* "Healthy standing still: 76 to 95 mmHg", in the chosen unit. */
static char *
pressure_range_text (const SoleusSnapshot *s,
                     SoleusPressureUnit    unit)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  const char *label;
  double lo, hi;

  if (!soleus_healthy_pressure_range (s, &lo, &hi, &label))
    return NULL;
  low = soleus_format_pressure (lo, unit);
  high = soleus_format_pressure (hi, unit);

  /* Translators: "Healthy walking: 15 mmHg to 35 mmHg" */
  return g_strdup_printf (_("%s: %s to %s"), label, low, high);
}

/* What the number means for this leg now, in a patient's words. */
static const char *
pressure_meaning (const SoleusSnapshot *s,
                  double                ankle_mmhg)
{
  SoleusPosture posture = (SoleusPosture) s->control[SOLEUS_PARAM_POSTURE];

  if (posture == SOLEUS_POSTURE_SUPINE || posture == SOLEUS_POSTURE_LEGS_UP)
    return _("Low: lying down, the veins need no pump to empty.");

  if (!s->walking)
    return _("The weight of the blood column presses on the ankle veins: "
             "only moving the calf lowers it.");

  /* Ankle pumps sitting: no walking cut-offs apply. */
  if (posture != SOLEUS_POSTURE_STANDING)
    return _("Each squeeze of the calf empties the veins and lowers it.");

  /* Walking: Stick 1992 measured 23.5 mmHg (healthy, 3 km/h); reflux keeps
   * it far higher (Pollack & Wood 1949). The cut-offs are the handout's. */
  switch (soleus_walk_pressure_level (ankle_mmhg))
    {
    case SOLEUS_WALK_PRESSURE_NORMAL:
      return _("Low: the calf pump empties the veins with every step.");
    case SOLEUS_WALK_PRESSURE_RAISED:
      return _("Raised: the pump lowers the pressure less than it should.");
    case SOLEUS_WALK_PRESSURE_HIGH:
    default:
      return _("High even while moving: blood falls back and pools in the lower leg.");
    }
}

static void
set_row (SoleusReadoutPanel *self,
         Readout             r,
         const char         *value,
         const char         *healthy,
         const char         *subtitle)
{
  g_autofree char *accessible = NULL;
  g_autofree char *healthy_text = NULL;

  if (soleus_simulation_get_reference_title (self->simulation) != NULL)
    /* Translators: the other scenario's value beside this leg's, in compare mode */
    healthy_text = g_strdup_printf (_("vs %s"), healthy);
  else
    /* Translators: the healthy leg's value beside this leg's, in compare mode */
    healthy_text = g_strdup_printf (_("healthy %s"), healthy);
  if (g_strcmp0 (gtk_label_get_label (self->healthy_values[r]), healthy_text) != 0)
    gtk_label_set_label (self->healthy_values[r], healthy_text);

  /* Unchanged text is left alone, so a screen reader on a row does not
   * hear it again four times a second. */
  if (g_strcmp0 (gtk_label_get_label (self->values[r]), value) == 0
      && g_strcmp0 (gtk_label_get_label (self->subtitles[r]), subtitle) == 0)
    return;

  gtk_label_set_label (self->values[r], value);
  gtk_label_set_label (self->subtitles[r], subtitle);

  accessible = g_strdup_printf ("%s: %s. %s", readout_title (r), value, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[r]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* "-0 mL" reads as a mistake: what rounds to zero is zero. */
static double
no_negative_zero (double value)
{
  return fabs (value) < 0.5 ? 0.0 : value;
}

/* The controls of the same leg kept still. */
static void
still_controls (const SoleusSnapshot *s,
                double                controls[SOLEUS_N_PARAMS])
{
  memcpy (controls, s->control, sizeof s->control);
  controls[SOLEUS_PARAM_SPEED_KMH] = 0.0;
  controls[SOLEUS_PARAM_ANKLE_EXERCISE_PER_MIN] = 0.0;
}

static void
compute_still_thread (GTask        *task,
                      gpointer      source,
                      gpointer      data,
                      GCancellable *cancellable)
{
  double (*controls)[SOLEUS_N_PARAMS] = data;
  double *ml = g_new (double, N_LEGS);

  for (guint leg = 0; leg < N_LEGS; leg++)
    {
      SoleusModel *model = soleus_model_new ();

      ml[leg] = NAN;
      if (model == NULL || g_cancellable_is_cancelled (cancellable))
        {
          g_clear_pointer (&model, soleus_model_free);
          continue;
        }
      for (guint i = 0; i < SOLEUS_N_PARAMS; i++)
        soleus_model_set_param (model, i, controls[leg][i]);
      /* In steps, so that a question overtaken by new controls stops. */
      for (double t = 10.0; t <= STILL_S && !g_cancellable_is_cancelled (cancellable); t += 10.0)
        soleus_model_advance_to (model, t);
      if (!g_cancellable_is_cancelled (cancellable))
        ml[leg] = soleus_model_get_snapshot (model)->calf_blood_ml;
      soleus_model_free (model);
    }

  g_task_return_pointer (task, ml, g_free);
}

static void update_emptying (SoleusReadoutPanel *self);

static void
still_computed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree double *ml = g_task_propagate_pointer (G_TASK (result), NULL);
  SoleusReadoutPanel *self;
  double (*controls)[SOLEUS_N_PARAMS] = g_task_get_task_data (G_TASK (result));

  if (ml == NULL)
    return;
  self = SOLEUS_READOUT_PANEL (source);
  self->emptying.computing = FALSE;
  /* Kept only if the legs are still those asked about. */
  if (memcmp (controls, self->emptying.still_controls, sizeof self->emptying.still_controls) == 0)
    for (guint leg = 0; leg < N_LEGS; leg++)
      self->emptying.still_ml[leg] = ml[leg];
  update_emptying (self);
}

/* Follows the legs: a new still volume when their controls change, the
 * mean of the calf's blood while they move. */
static void
follow_emptying (SoleusReadoutPanel   *self,
                 const SoleusSnapshot *legs[N_LEGS])
{
  double controls[N_LEGS][SOLEUS_N_PARAMS];

  for (guint leg = 0; leg < N_LEGS; leg++)
    {
      still_controls (legs[leg], controls[leg]);
      self->emptying.time_s[leg] = legs[leg]->time_s;
      if (!legs[leg]->walking)
        self->emptying.moving_ml[leg] = NAN;
      else if (isnan (self->emptying.moving_ml[leg])
               || legs[leg]->time_s < self->emptying.moving_since_s[leg])
        {
          self->emptying.moving_ml[leg] = legs[leg]->calf_blood_ml;
          self->emptying.moving_since_s[leg] = legs[leg]->time_s;
        }
      else
        self->emptying.moving_ml[leg] += MOVING_MEAN_WEIGHT * (legs[leg]->calf_blood_ml
                                                               - self->emptying.moving_ml[leg]);
    }

  if (memcmp (controls, self->emptying.still_controls, sizeof controls) != 0)
    {
      memcpy (self->emptying.still_controls, controls, sizeof controls);
      for (guint leg = 0; leg < N_LEGS; leg++)
        self->emptying.still_ml[leg] = NAN;
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->emptying.computing = FALSE;
      self->emptying.changed_us = g_get_monotonic_time ();
    }

  /* Asked once the controls have held for a moment (a slider being
   * dragged, a scenario's ramp) and only while a leg moves: the emptying
   * is shown only then. */
  if (!self->emptying.computing && isnan (self->emptying.still_ml[THIS_LEG])
      && (legs[THIS_LEG]->walking || legs[HEALTHY_LEG]->walking)
      && g_get_monotonic_time () - self->emptying.changed_us >= SETTLE_US)
    {
      GTask *task = g_task_new (self, self->cancellable, still_computed_cb, NULL);

      g_task_set_task_data (task, g_memdup2 (controls, sizeof controls), g_free);
      g_task_run_in_thread (task, compute_still_thread);
      g_object_unref (task);
      self->emptying.computing = TRUE;
    }
}

/* The share of the still leg's calf blood the pump keeps out, or NAN. */
static double
emptying_fraction (SoleusReadoutPanel *self,
                   guint               leg)
{
  double still = self->emptying.still_ml[leg];
  double moving = self->emptying.moving_ml[leg];

  if (isnan (still) || isnan (moving) || !(still > 0.0)
      || self->emptying.time_s[leg] - self->emptying.moving_since_s[leg] < SETTLE_S)
    return NAN;

  return MAX (0.0, (still - moving) / still);
}

static char *
emptying_text (SoleusReadoutPanel *self,
               guint               leg)
{
  double fraction = emptying_fraction (self, leg);

  if (isnan (fraction) && !isnan (self->emptying.moving_ml[leg]))
    /* Translators: the calf pump readout in the first half minute of a walk */
    return g_strdup (C_("calf pump", "Settling"));
  if (isnan (fraction))
    return g_strdup (C_("calf pump", "Not pumping"));

  return g_strdup_printf (_("%.0f%%"), 100.0 * fraction);
}

static void
update_emptying (SoleusReadoutPanel *self)
{
  double fraction = emptying_fraction (self, THIS_LEG);
  g_autofree char *value = emptying_text (self, THIS_LEG);
  g_autofree char *hvalue = emptying_text (self, HEALTHY_LEG);
  g_autofree char *sub = NULL;

  if (isnan (fraction))
    sub = g_strdup (_("How much of the blood that fills the calf veins when the leg is still "
                      "the calf pump keeps out while walking or pumping the ankles."));
  else
    /* Translators: the calf pump readout: the millilitres kept out of the
     * calf veins, of those the still leg holds, then the healthy leg's share */
    sub = g_strdup_printf (_("Blood the calf pump keeps out of the calf veins: %.0f mL of the "
                             "%.0f mL they hold when still. A healthy leg: %s."),
                           self->emptying.still_ml[THIS_LEG] - self->emptying.moving_ml[THIS_LEG],
                           self->emptying.still_ml[THIS_LEG], hvalue);
  set_row (self, READOUT_EJECTION, value, hvalue, sub);
}

/* Swelling in words and millilitres: "Slight, +12 mL". The cut-off of a
 * swelling a patient sees by evening is the handout's (soleus-patient.h);
 * under 5 mL is within what a leg gains and loses in an hour. */
static char *
swelling_text (double ml)
{
  const char *word;

  ml = no_negative_zero (ml);
  if (ml < 5.0)
    word = C_("swelling", "None");
  else if (ml < SOLEUS_SWELLING_ML)
    word = C_("swelling", "Slight");
  else
    word = C_("swelling", "Visible");

  /* Translators: the swelling readout: a word, then the millilitres */
  return g_strdup_printf (_("%s, %+.0f mL"), word, ml);
}

/* What a patient would feel with a leg like this, and the advice the
 * evidence backs, in plain words; shared with the printed handout. */
static void
update_plain_words (SoleusReadoutPanel   *self,
                    const SoleusSnapshot *s,
                    const SoleusReadouts *r)
{
  g_autofree char *feelings = soleus_plain_feelings (s, r);
  g_auto(GStrv) advice = soleus_plain_advice (s, r);
  g_autoptr(GString) bullets = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (feelings, "\n", -1);
  g_autoptr(GString) feel = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_string_append_printf (feel, "%s• %s", feel->len ? "\n" : "", lines[i]);
  for (guint i = 0; advice[i] != NULL; i++)
    g_string_append_printf (bullets, "%s• %s", bullets->len ? "\n" : "", advice[i]);

  if (g_strcmp0 (gtk_label_get_label (self->feelings_label), feel->str) != 0)
    gtk_label_set_label (self->feelings_label, feel->str);
  if (g_strcmp0 (gtk_label_get_label (self->advice_label), bullets->str) != 0)
    gtk_label_set_label (self->advice_label, bullets->str);
}

void
soleus_readout_panel_update (SoleusReadoutPanel *self)
{
  const SoleusSnapshot *s;
  SoleusReadouts r;
  SoleusReadouts h;
  g_autofree char *pressure = NULL;
  g_autofree char *healthy_pressure = NULL;
  g_autofree char *healthy = NULL;
  g_autofree char *range = NULL;
  g_autofree char *headline_a11y = NULL;
  g_autofree char *value = NULL;
  g_autofree char *hvalue = NULL;
  g_autofree char *sub = NULL;
  double ankle;

  g_return_if_fail (SOLEUS_IS_READOUT_PANEL (self));

  if (self->simulation == NULL)
    return;

  s = soleus_simulation_get_snapshot (self->simulation);
  soleus_simulation_get_readouts (self->simulation, &r);
  soleus_simulation_get_reference_readouts (self->simulation, &h);
  self->last_update = g_get_monotonic_time ();

  /* Walking makes the pressure swing with every step: show its mean. */
  ankle = s->walking ? r.ankle_pressure_mean_mmhg : r.ankle_pressure_mmhg;
  pressure = soleus_format_pressure (ankle, self->unit);
  healthy_pressure = soleus_format_pressure (s->walking ? h.ankle_pressure_mean_mmhg
                                                        : h.ankle_pressure_mmhg,
                                             self->unit);
  gtk_label_set_label (self->headline_value, pressure);
  g_free (self->headline);
  self->headline = g_strdup (pressure);
  range = pressure_range_text (s, self->unit);
  if (range != NULL)
    healthy = g_strdup_printf (_("%s. A healthy leg doing the same: %s."),
                               range, healthy_pressure);
  else
    /* Translators: ankle pumps sitting or lying; the healthy leg's value */
    healthy = g_strdup_printf (_("No healthy range has been measured for ankle pumps. "
                                 "A healthy leg doing the same: %s."),
                               healthy_pressure);
  gtk_label_set_label (self->headline_healthy, healthy);
  gtk_label_set_label (self->headline_meaning, pressure_meaning (s, ankle));
  /* Translators: what a screen reader says of the headline number */
  headline_a11y = g_strdup_printf (_("Ankle vein pressure: %s"), pressure);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->headline_value),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, headline_a11y,
                                  -1);

  /* Refill time: measured when walking or ankle exercise stops. */
  if (isnan (r.rt90_s))
    value = g_strdup (C_("refill time", "Not yet"));
  else
    value = g_strdup_printf (_("%.0f s"), r.rt90_s);
  if (isnan (h.rt90_s))
    hvalue = g_strdup (C_("refill time", "Not yet"));
  else
    hvalue = g_strdup_printf (_("%.0f s"), h.rt90_s);
  set_row (self, READOUT_REFILL, value, hvalue,
           _("How fast the veins fill again after you stop walking. Healthy: more than "
             "20 s; under 20 s points to leaking valves, under 10 s to severe leaks."));
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&hvalue, g_free);

  {
    const SoleusSnapshot *legs[N_LEGS] = {
      s, soleus_simulation_get_reference_snapshot (self->simulation)
    };

    follow_emptying (self, legs);
    update_emptying (self);
  }

  value = swelling_text (r.tissue_fluid_change_ml);
  hvalue = swelling_text (h.tissue_fluid_change_ml);
  sub = g_strdup_printf (_("Fluid that has seeped into the lower leg since the start. "
                           "A healthy leg: %+.0f mL."),
                         no_negative_zero (h.tissue_fluid_change_ml));
  set_row (self, READOUT_SWELLING, value, hvalue, sub);
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&hvalue, g_free);
  g_clear_pointer (&sub, g_free);

  value = g_strdup_printf (_("%.1f cm/s"), r.femoral_velocity_cm_s);
  hvalue = g_strdup_printf (_("%.1f cm/s"), h.femoral_velocity_cm_s);
  sub = g_strdup_printf (_("Speed of blood at the centre of the thigh vein, averaged over "
                           "the last minute. A healthy leg: %.1f cm/s."),
                         h.femoral_velocity_cm_s);
  set_row (self, READOUT_FLOW, value, hvalue, sub);
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&hvalue, g_free);
  g_clear_pointer (&sub, g_free);

  /* Blood flow in words, never a number: how long the deep calf flow has
   * been slow (the core's brisk, slowing, pooling). */
  /* Translators: the blood-flow readout's explanation, then the healthy
   * leg's word: "Blood keeps moving ... walking. A healthy leg: Brisk." */
  sub = g_strdup_printf (_("%s A healthy leg: %s."), soleus_blood_flow_meaning (r.blood_flow),
                         soleus_blood_flow_word (h.blood_flow));
  set_row (self, READOUT_BLOOD_FLOW, soleus_blood_flow_word (r.blood_flow),
           soleus_blood_flow_word (h.blood_flow), sub);
  g_clear_pointer (&sub, g_free);

  /* Plain words change slowly: once a second is enough. */
  if (self->last_update - self->last_plain_update >= G_USEC_PER_SEC
      || !soleus_simulation_get_playing (self->simulation))
    {
      update_plain_words (self, s, &r);
      self->last_plain_update = self->last_update;
    }

  /* Effort only while the muscle works: a still leg's calf rests. */
  if (s->walking)
    {
      value = g_strdup_printf (_("%.0f%%"), 100.0 * r.effort);
      hvalue = g_strdup_printf (_("%.0f%%"), 100.0 * h.effort);
      set_row (self, READOUT_EFFORT, value, hvalue,
               _("How hard the calf muscle must work for a healthy ankle pressure; "
                 "100% is its maximum."));
    }
  else
    set_row (self, READOUT_EFFORT, C_("muscle effort", "At rest"),
             C_("muscle effort", "At rest"),
             _("The calf muscle rests while the leg is still; walking or ankle pumps "
               "make it work."));
}

static void
advanced_cb (SoleusSimulation   *simulation,
             SoleusReadoutPanel *self)
{
  if (g_get_monotonic_time () - self->last_update >= REFRESH_US
      || !soleus_simulation_get_playing (simulation))
    soleus_readout_panel_update (self);
}

static void
soleus_readout_panel_dispose (GObject *object)
{
  SoleusReadoutPanel *self = SOLEUS_READOUT_PANEL (object);

  soleus_readout_panel_set_simulation (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SOLEUS_TYPE_READOUT_PANEL);

  G_OBJECT_CLASS (soleus_readout_panel_parent_class)->dispose (object);
}

static void
soleus_readout_panel_finalize (GObject *object)
{
  SoleusReadoutPanel *self = SOLEUS_READOUT_PANEL (object);

  g_free (self->headline);

  G_OBJECT_CLASS (soleus_readout_panel_parent_class)->finalize (object);
}

static void
soleus_readout_panel_class_init (SoleusReadoutPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = soleus_readout_panel_dispose;
  object_class->finalize = soleus_readout_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/soleus-readout-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SoleusReadoutPanel, box);
  gtk_widget_class_bind_template_child (widget_class, SoleusReadoutPanel, headline_box);
  gtk_widget_class_bind_template_child (widget_class, SoleusReadoutPanel, headline_value);
  gtk_widget_class_bind_template_child (widget_class, SoleusReadoutPanel, headline_healthy);
  gtk_widget_class_bind_template_child (widget_class, SoleusReadoutPanel, headline_meaning);
  gtk_widget_class_bind_template_child (widget_class, SoleusReadoutPanel, list);
  gtk_widget_class_bind_template_child (widget_class, SoleusReadoutPanel, feelings_label);
  gtk_widget_class_bind_template_child (widget_class, SoleusReadoutPanel, advice_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "readoutpanel");
}

static void
soleus_readout_panel_init (SoleusReadoutPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (guint leg = 0; leg < N_LEGS; leg++)
    {
      self->emptying.still_ml[leg] = self->emptying.moving_ml[leg] = NAN;
      self->emptying.moving_since_s[leg] = self->emptying.time_s[leg] = 0.0;
    }

  /* Rows of plain labels rather than AdwActionRow, whose title and
   * subtitle break inside words (word-char wrapping) and cut the subtitle
   * after a few lines: here every explanation wraps between words, whole,
   * in every language. The rows are read, not used: Tab passes them. */
  for (guint i = 0; i < N_READOUTS; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *grid = gtk_grid_new ();
      GtkWidget *title = gtk_label_new (readout_title (i));
      GtkWidget *subtitle = gtk_label_new (NULL);
      GtkWidget *value = gtk_label_new (NULL);
      GtkWidget *healthy = gtk_label_new (NULL);

      gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
      gtk_widget_add_css_class (grid, "readout-row");

      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
      gtk_label_set_xalign (GTK_LABEL (title), 0.0);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_set_valign (title, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (title, "readout-title");
      gtk_grid_attach (GTK_GRID (grid), title, 0, 0, 1, 1);

      gtk_widget_add_css_class (value, "readout-value");
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (grid), value, 1, 0, 1, 1);

      gtk_widget_add_css_class (healthy, "dim-label");
      gtk_widget_add_css_class (healthy, "numeric");
      gtk_widget_set_valign (healthy, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (healthy, FALSE);
      gtk_grid_attach (GTK_GRID (grid), healthy, 2, 0, 1, 1);

      gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD);
      gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
      gtk_widget_add_css_class (subtitle, "readout-explanation");
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), subtitle, 0, 1, 3, 1);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->list, row);

      self->rows[i] = row;
      self->subtitles[i] = GTK_LABEL (subtitle);
      self->values[i] = GTK_LABEL (value);
      self->healthy_values[i] = GTK_LABEL (healthy);
    }
}

void
soleus_readout_panel_set_simulation (SoleusReadoutPanel *self,
                                     SoleusSimulation   *simulation)
{
  g_return_if_fail (SOLEUS_IS_READOUT_PANEL (self));

  if (soleus_simulation_follow (&self->simulation, &self->advanced_handler, simulation,
                                G_CALLBACK (advanced_cb), self) &&
      simulation != NULL)
    soleus_readout_panel_update (self);
}

void
soleus_readout_panel_set_pressure_unit (SoleusReadoutPanel *self,
                                        SoleusPressureUnit  unit)
{
  g_return_if_fail (SOLEUS_IS_READOUT_PANEL (self));

  self->unit = unit;
  soleus_readout_panel_update (self);
}

void
soleus_readout_panel_set_compare (SoleusReadoutPanel *self,
                                  gboolean            compare)
{
  g_return_if_fail (SOLEUS_IS_READOUT_PANEL (self));

  self->compare = !!compare;
  for (guint i = 0; i < N_READOUTS; i++)
    gtk_widget_set_visible (GTK_WIDGET (self->healthy_values[i]), self->compare);
  soleus_readout_panel_update (self);
}

const char *
soleus_readout_panel_get_headline (SoleusReadoutPanel *self)
{
  g_return_val_if_fail (SOLEUS_IS_READOUT_PANEL (self), NULL);

  return self->headline;
}

void
soleus_readout_panel_describe (SoleusReadoutPanel *self,
                               GVariantBuilder    *builder)
{
  g_variant_builder_add (builder, "{sv}", "headline_range",
                         g_variant_new_string (gtk_label_get_label (self->headline_healthy)));
  static const struct {
    const char *key;
    Readout     readout;
  } texts[] = {
    { "calf_emptying_text", READOUT_EJECTION },
    { "swelling_text", READOUT_SWELLING },
    { "effort_text", READOUT_EFFORT },
  };

  g_return_if_fail (SOLEUS_IS_READOUT_PANEL (self));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkLabel *value = self->values[texts[i].readout];

      g_variant_builder_add (builder, "{sv}", texts[i].key,
                             g_variant_new_string (gtk_label_get_label (value)));
    }
}

GtkWidget *
soleus_readout_panel_take_headline (SoleusReadoutPanel *self)
{
  GtkWidget *headline;

  g_return_val_if_fail (SOLEUS_IS_READOUT_PANEL (self), NULL);
  g_return_val_if_fail (gtk_widget_get_parent (self->headline_box) == self->box, NULL);

  headline = g_object_ref (self->headline_box);
  gtk_box_remove (GTK_BOX (self->box), headline);

  return headline;
}

double
soleus_readout_panel_get_emptying (SoleusReadoutPanel *self,
                                   gboolean            healthy)
{
  g_return_val_if_fail (SOLEUS_IS_READOUT_PANEL (self), NAN);

  return emptying_fraction (self, healthy ? HEALTHY_LEG : THIS_LEG);
}

const char *
soleus_readout_panel_get_blood_flow (SoleusReadoutPanel *self)
{
  g_return_val_if_fail (SOLEUS_IS_READOUT_PANEL (self), NULL);

  return gtk_label_get_label (self->values[READOUT_BLOOD_FLOW]);
}
