/* soleus-window-start.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start page: story cards for the built-in scenarios, a card that opens
 * a walking healthy leg to explore freely, and the recent files, each
 * picked with one click (or Tab and Enter). Every card activates
 * app.start-choice with its choice: "scenario:NAME", "file:PATH", "free",
 * or "picture" to go back to the picture as it stands. The last choice is
 * reopened at start-up only when the user asks for it in Preferences.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "soleus-scenario.h"
#include "soleus-window-private.h"

#define N_RECENT 6

static GtkWidget *
make_card (const char *title,
           const char *description,
           const char *choice)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *body = gtk_label_new (description);

  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_xalign (GTK_LABEL (body), 0.0);
  /* Narrow enough for two or three cards in a row; they wrap, never cut. */
  gtk_label_set_max_width_chars (GTK_LABEL (heading), 28);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 28);
  gtk_label_set_width_chars (GTK_LABEL (body), 22);
  gtk_label_set_yalign (GTK_LABEL (body), 0.0);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "start-card");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.start-choice");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (choice));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  return button;
}

static void
add_card (GtkFlowBox *cards,
          GtkWidget  *card)
{
  GtkWidget *child = gtk_flow_box_child_new ();

  /* Tab lands on the card itself, not on its place in the grid. */
  gtk_widget_set_focusable (child, FALSE);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
  gtk_flow_box_append (cards, child);
}

static gint
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

/* The recent scenario files, newest first. */
static void
update_recent (SoleusWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = g_list_sort (gtk_recent_manager_get_items (manager), compare_recent);
  GtkWidget *row;
  guint n = 0;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->start_recent))) != NULL)
    gtk_list_box_remove (self->start_recent, row);

  for (GList *l = items; l != NULL && n < N_RECENT; l = l->next)
    {
      g_autofree char *path = g_filename_from_uri (gtk_recent_info_get_uri (l->data), NULL, NULL);
      g_autofree char *name = NULL;
      g_autofree char *folder = NULL;
      g_autofree char *choice = NULL;

      if (path == NULL || !g_str_has_suffix (path, ".soleus")
          || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      name = g_filename_display_basename (path);
      folder = g_path_get_dirname (path);
      choice = g_strconcat ("file:", path, NULL);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.start-choice");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new_string (choice));
      gtk_list_box_append (self->start_recent, row);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  gtk_widget_set_visible (self->start_recent_group, n > 0);
}

static GtkWidget *
build_start_page (SoleusWindow *self)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *cards = gtk_flow_box_new ();
  GtkWidget *recent_title = gtk_label_new (_("Recent files"));
  GtkWidget *recent = gtk_list_box_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), APP_ID);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("What would you like to show?"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Pick a story to play, or explore a healthy leg freely. "
                                     "The start page is in the main menu."));
  /* The cards, not the icon, fill a small window. */
  gtk_widget_add_css_class (status, "compact");
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (cards), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (cards), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (cards), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (cards), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (cards), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (cards), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cards),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stories to show"),
                                  -1);

  self->start_first_card =
    make_card (_("Free exploration"),
               _("A healthy leg walking: change anything with the controls and watch."),
               "free");
  add_card (GTK_FLOW_BOX (cards), self->start_first_card);
  for (size_t i = 0; i < soleus_scenario_count (); i++)
    {
      const SoleusScenario *scenario = soleus_scenario_get (i);
      g_autofree char *choice = g_strconcat ("scenario:", scenario->name, NULL);

      add_card (GTK_FLOW_BOX (cards),
                make_card (g_dgettext (GETTEXT_PACKAGE, scenario->title),
                           g_dgettext (GETTEXT_PACKAGE, scenario->description), choice));
    }

  gtk_label_set_xalign (GTK_LABEL (recent_title), 0.0);
  gtk_widget_add_css_class (recent_title, "heading");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (recent), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (recent, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (recent),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recent files"),
                                  -1);
  self->start_recent = GTK_LIST_BOX (recent);
  self->start_recent_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->start_recent_group), recent_title);
  gtk_box_append (GTK_BOX (self->start_recent_group), recent);

  gtk_box_append (GTK_BOX (box), cards);
  gtk_box_append (GTK_BOX (box), self->start_recent_group);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), clamp);

  update_recent (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);

  return status;
}

/* ---------------------------------------------------------------------- */

static void
show_page (SoleusWindow *self,
           const char   *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), name) == 0)
    return;

  gtk_stack_set_visible_child_name (self->main_stack, name);
  _soleus_window_layout_page_changed (self);
  if (g_str_equal (name, "play"))
    gtk_widget_grab_focus (GTK_WIDGET (self->play_area));
  g_signal_emit_by_name (self, "state-changed");
}

/* "start" or "play", or "" until the window knows how it begins. */
const char *
_soleus_window_get_page (SoleusWindow *self)
{
  if (!self->begun)
    return "";

  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
soleus_window_show_start_page (SoleusWindow *self)
{
  g_return_if_fail (SOLEUS_IS_WINDOW (self));

  /* Nothing plays behind the cards. */
  soleus_simulation_set_playing (self->simulation, FALSE);
  if (self->presenting)
    soleus_window_set_presenting (self, FALSE);
  show_page (self, "start");
  if (self->start_first_card != NULL)
    gtk_widget_grab_focus (self->start_first_card);
}

/* Whether a choice names something that exists now. */
static gboolean
choice_is_valid (const char *choice)
{
  if (g_str_equal (choice, "free") || g_str_equal (choice, "picture"))
    return TRUE;
  if (g_str_has_prefix (choice, "scenario:"))
    return soleus_scenario_find (choice + strlen ("scenario:")) != NULL;
  if (g_str_has_prefix (choice, "file:"))
    return g_path_is_absolute (choice + strlen ("file:"))
           && g_file_test (choice + strlen ("file:"), G_FILE_TEST_IS_REGULAR);

  return FALSE;
}

gboolean
soleus_window_choose (SoleusWindow  *self,
                      const char    *choice,
                      GError       **error)
{
  g_return_val_if_fail (SOLEUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (choice != NULL, FALSE);

  if (!choice_is_valid (choice))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is neither free, picture, scenario:NAME of a built-in scenario "
                   "nor file:PATH of a scenario file", choice);
      return FALSE;
    }

  if (g_str_equal (choice, "picture"))
    {
      soleus_simulation_set_playing (self->simulation, TRUE);
      show_page (self, "play");
      return TRUE;
    }

  if (g_str_equal (choice, "free"))
    {
      /* A healthy leg, walking at an easy pace. */
      soleus_simulation_reset (self->simulation);
      g_object_set (self->simulation,
                    "posture", (double) SOLEUS_POSTURE_STANDING,
                    "speed", 3.0,
                    NULL);
      soleus_simulation_set_playing (self->simulation, TRUE);
    }
  else if (g_str_has_prefix (choice, "scenario:"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "app.scenario", "s",
                                  choice + strlen ("scenario:"));
    }
  else
    {
      soleus_window_open_file (self, choice + strlen ("file:"), NULL);
    }

  g_settings_set_string (self->settings, "last-choice", choice);
  /* Last, so that app.state tells the page with what it shows. */
  show_page (self, "play");

  return TRUE;
}

/* At start-up without files: the start page, or the last choice when the
 * user asked for it and it is still there. With files: the picture. */
void
soleus_window_begin (SoleusWindow *self,
                     gboolean      with_files)
{
  g_autofree char *last = NULL;

  g_return_if_fail (SOLEUS_IS_WINDOW (self));

  /* Files from the desktop skip the start page, or leave it. */
  if (with_files)
    {
      self->begun = TRUE;
      show_page (self, "play");
      return;
    }
  if (self->begun)
    return;
  self->begun = TRUE;

  last = g_settings_get_string (self->settings, "last-choice");
  if (g_settings_get_boolean (self->settings, "open-last-choice")
      && !g_str_equal (last, "picture") && choice_is_valid (last)
      && soleus_window_choose (self, last, NULL))
    return;

  soleus_window_show_start_page (self);
}

/* A scenario picked by its digit, or presentation mode, leaves the start
 * page. */
static void
notify_scenario_cb (SoleusSimulation *simulation,
                    GParamSpec       *pspec,
                    SoleusWindow     *self)
{
  show_page (self, "play");
}

static void
notify_presenting_cb (SoleusWindow *self,
                      GParamSpec   *pspec,
                      gpointer      user_data)
{
  if (self->presenting)
    show_page (self, "play");
}

/* Puts the window's content in a stack beside the start page; the window
 * shows the picture until soleus_window_begin () decides. */
void
_soleus_window_start_init (SoleusWindow *self)
{
  GtkWidget *content = GTK_WIDGET (self->main_box);
  GtkWidget *parent = gtk_widget_get_parent (content);
  GtkWidget *start = build_start_page (self);

  g_return_if_fail (GTK_IS_BOX (parent));

  self->main_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->main_stack), TRUE);

  g_object_ref (content);
  gtk_box_remove (GTK_BOX (parent), content);
  gtk_stack_add_named (self->main_stack, content, "play");
  g_object_unref (content);
  gtk_stack_add_named (self->main_stack, start, "start");
  gtk_stack_set_visible_child_name (self->main_stack, "play");
  gtk_box_append (GTK_BOX (parent), GTK_WIDGET (self->main_stack));

  g_signal_connect_object (self->simulation, "notify::scenario",
                           G_CALLBACK (notify_scenario_cb), self, 0);
  g_signal_connect (self, "notify::presenting", G_CALLBACK (notify_presenting_cb), NULL);
}
