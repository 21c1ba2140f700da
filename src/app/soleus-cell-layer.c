/* soleus-cell-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thousands of blood cells drawn with OpenGL in a transparent layer that
 * sits in a GtkOverlay above the Cairo-drawn anatomy. Each cell is one
 * instance of a quad: a single buffer holds {x, y, radius, kind} per cell,
 * the vertex shader builds the quad from gl_VertexID and the fragment shader
 * shades an antialiased disc (forward) or ring (backward) in it.
 *
 * GTK 4's GtkGLArea always has an alpha channel (there is no has-alpha
 * any more): clearing to (0, 0, 0, 0) leaves the anatomy visible.
 *
 * Without GL (GDK_DEBUG=gl-disable, no driver, too old a GL) GtkGLArea
 * records an error when it is realized and would draw that error as text
 * in the widget. This layer instead says nothing, turns "available" FALSE,
 * draws nothing and hides itself; the play area then draws the cells with
 * Cairo.
 */

#include "config.h"

#include <string.h>

#include <epoxy/gl.h>

#include "soleus-cell-layer.h"

/* The buffer is uploaded as it is: four floats per cell. */
G_STATIC_ASSERT (sizeof (SoleusCell) == 4 * sizeof (float));

struct _SoleusCellLayer
{
  GtkGLArea   parent_instance;

  /* The cells, copied from the caller; grows only. */
  SoleusCell *cells;
  guint       n_cells;
  guint       cells_capacity;

  /* Straight (not premultiplied) RGBA. */
  float       forward[4];
  float       backward[4];
  float       outline[4];

  /* GL objects, valid between realize and unrealize. */
  GLuint      program;
  GLuint      vao;
  GLuint      vbo;
  GLint       u_size;
  GLint       u_scale;
  GLint       u_forward;
  GLint       u_backward;
  GLint       u_outline;
  guint       vbo_capacity;      /* cells the GPU buffer holds */

  guint       hide_source;
  guint       n_drawn;

  guint       available : 1;
  guint       cells_dirty : 1;   /* cells changed since the last upload */
};

G_DEFINE_FINAL_TYPE (SoleusCellLayer, soleus_cell_layer, GTK_TYPE_GL_AREA)

enum {
  PROP_0,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The shader bodies; a header for GLSL 1.50 (desktop GL 3.2 core) or
 * GLSL ES 3.00 goes in front.
 *
 * Whatever can be worked out once per cell is, in the vertex shader: on
 * llvmpipe the fragment shader's length is what costs (and both sides of a
 * branch run). Distances are in device pixels; e is how far a fragment lies
 * inside the cell's edge plus half a pixel, so that clamp (e, 0, 1) is its
 * coverage. */
static const char vertex_shader_body[] =
  "in vec4 a_cell;          /* x, y, radius (logical pixels), kind */\n"
  "uniform vec2 u_size;     /* widget size, logical pixels */\n"
  "uniform float u_scale;   /* device pixels per logical pixel */\n"
  "uniform vec4 u_forward;  /* straight alpha */\n"
  "uniform vec4 u_backward;\n"
  "out vec2 v_local;        /* offset from the centre */\n"
  "flat out float v_edge;   /* radius + 0.5 */\n"
  "flat out float v_band;   /* e below which the outline colour takes over */\n"
  "flat out float v_hole;   /* e beyond which a ring is hollow */\n"
  "flat out vec4 v_fill;\n"
  "\n"
  "void\n"
  "main ()\n"
  "{\n"
  "  /* A triangle strip (-1,-1) (1,-1) (-1,1) (1,1) around the cell, with\n"
  "   * half a device pixel more for its antialiased edge and no more:\n"
  "   * the cost goes with the area covered. */\n"
  "  vec2 corner = vec2 (float (gl_VertexID & 1), float (gl_VertexID >> 1)) * 2.0 - 1.0;\n"
  "  float r = a_cell.z * u_scale;\n"
  "  v_local = corner * (r + 0.5);\n"
  "  v_edge = r + 0.5;\n"
  "  if (a_cell.w < 0.5)\n"
  "    {\n"
  "      /* Forward red cell: a disc with a thin darker rim, a fifth of the\n"
  "       * radius wide and at least half a pixel. */\n"
  "      v_fill = u_forward;\n"
  "      v_band = max (0.2 * r, 0.5) + 0.5;\n"
  "      v_hole = 1e6;\n"
  "    }\n"
  "  else\n"
  "    {\n"
  "      /* Backward cell: a ring 0.42 of the radius wide with a dark outer\n"
  "       * edge; the anatomy shows through its hole. */\n"
  "      v_fill = u_backward;\n"
  "      v_band = 2.0;\n"
  "      v_hole = max (0.42 * r, 1.5) + 1.0;\n"
  "    }\n"
  "  vec2 p = (a_cell.xy + v_local / u_scale) / u_size;\n"
  "  gl_Position = vec4 (p.x * 2.0 - 1.0, 1.0 - p.y * 2.0, 0.0, 1.0);\n"
  "}\n";

static const char fragment_shader_body[] =
  "in vec2 v_local;\n"
  "flat in float v_edge;\n"
  "flat in float v_band;\n"
  "flat in float v_hole;\n"
  "flat in vec4 v_fill;\n"
  "uniform vec4 u_outline;\n"
  "out vec4 o_color;\n"
  "\n"
  "void\n"
  "main ()\n"
  "{\n"
  "  float e = v_edge - length (v_local);\n"
  "  if (e <= 0.0)\n"
  "    discard;\n"
  "\n"
  "  vec4 color = mix (v_fill, u_outline, clamp (v_band - e, 0.0, 1.0));\n"
  "  float a = color.a * min (e, 1.0) * clamp (v_hole - e, 0.0, 1.0);\n"
  "\n"
  "  /* Premultiplied alpha, as GTK composites GL textures. */\n"
  "  o_color = vec4 (color.rgb * a, a);\n"
  "}\n";

static const char glsl_header[] = "#version 150\n";
static const char glsl_es_header[] = "#version 300 es\nprecision highp float;\n";

static void
set_rgba (float          rgba[4],
          const GdkRGBA *color)
{
  rgba[0] = CLAMP (color->red, 0.f, 1.f);
  rgba[1] = CLAMP (color->green, 0.f, 1.f);
  rgba[2] = CLAMP (color->blue, 0.f, 1.f);
  rgba[3] = CLAMP (color->alpha, 0.f, 1.f);
}

static gboolean
hide_cb (gpointer data)
{
  SoleusCellLayer *self = data;

  self->hide_source = 0;
  if (!self->available)
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  return G_SOURCE_REMOVE;
}

static void
set_available (SoleusCellLayer *self,
               gboolean         available)
{
  available = !!available;
  if (self->available == available)
    return;

  self->available = available;
  self->n_drawn = 0;

  /* Hiding from inside realize (often called by map) would leave a mapped
   * hidden widget: hide just after, before the next frame is painted. The
   * snapshot draws nothing in the meantime. */
  if (!available && self->hide_source == 0)
    self->hide_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, hide_cb, self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

static GLuint
compile_shader (GLenum       type,
                const char  *header,
                const char  *body,
                GError     **error)
{
  const char *sources[2] = { header, body };
  GLuint shader;
  GLint status = GL_FALSE;

  shader = glCreateShader (type);
  glShaderSource (shader, 2, sources, NULL);
  glCompileShader (shader);
  glGetShaderiv (shader, GL_COMPILE_STATUS, &status);

  if (status != GL_TRUE)
    {
      char log[1024] = "";

      glGetShaderInfoLog (shader, sizeof log, NULL, log);
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_COMPILATION_FAILED,
                   "Cell %s shader: %s",
                   type == GL_VERTEX_SHADER ? "vertex" : "fragment", log);
      glDeleteShader (shader);
      return 0;
    }

  return shader;
}

static gboolean
create_gl_resources (SoleusCellLayer  *self,
                     GdkGLContext     *context,
                     GError          **error)
{
  gboolean use_es = gdk_gl_context_get_use_es (context);
  const char *header = use_es ? glsl_es_header : glsl_header;
  GLuint vertex_shader, fragment_shader;
  GLint status = GL_FALSE;
  int major, minor, version;
  gboolean usable;

  /* Instancing needs glVertexAttribDivisor: GL 3.3, GL_ARB_instanced_arrays
   * or GLES 3.0; the shaders need GLSL 1.50 or GLSL ES 3.00. */
  gdk_gl_context_get_version (context, &major, &minor);
  version = major * 10 + minor;
  if (use_es)
    usable = version >= 30;
  else
    usable = version >= 33
             || (version >= 32 && epoxy_has_gl_extension ("GL_ARB_instanced_arrays"));
  if (!usable)
    {
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE,
                   "OpenGL%s %d.%d cannot draw instanced cells",
                   use_es ? " ES" : "", major, minor);
      return FALSE;
    }

  vertex_shader = compile_shader (GL_VERTEX_SHADER, header, vertex_shader_body, error);
  if (vertex_shader == 0)
    return FALSE;

  fragment_shader = compile_shader (GL_FRAGMENT_SHADER, header, fragment_shader_body,
                                    error);
  if (fragment_shader == 0)
    {
      glDeleteShader (vertex_shader);
      return FALSE;
    }

  self->program = glCreateProgram ();
  glAttachShader (self->program, vertex_shader);
  glAttachShader (self->program, fragment_shader);
  glBindAttribLocation (self->program, 0, "a_cell");
  glLinkProgram (self->program);
  glDetachShader (self->program, vertex_shader);
  glDetachShader (self->program, fragment_shader);
  glDeleteShader (vertex_shader);
  glDeleteShader (fragment_shader);

  glGetProgramiv (self->program, GL_LINK_STATUS, &status);
  if (status != GL_TRUE)
    {
      char log[1024] = "";

      glGetProgramInfoLog (self->program, sizeof log, NULL, log);
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_LINK_FAILED,
                   "Cell shader program: %s", log);
      glDeleteProgram (self->program);
      self->program = 0;
      return FALSE;
    }

  self->u_size = glGetUniformLocation (self->program, "u_size");
  self->u_scale = glGetUniformLocation (self->program, "u_scale");
  self->u_forward = glGetUniformLocation (self->program, "u_forward");
  self->u_backward = glGetUniformLocation (self->program, "u_backward");
  self->u_outline = glGetUniformLocation (self->program, "u_outline");

  /* One attribute, advanced once per instance; the quad's corners come
   * from gl_VertexID, so there is no per-vertex buffer. */
  glGenVertexArrays (1, &self->vao);
  glBindVertexArray (self->vao);
  glGenBuffers (1, &self->vbo);
  glBindBuffer (GL_ARRAY_BUFFER, self->vbo);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 4, GL_FLOAT, GL_FALSE, sizeof (SoleusCell), NULL);
  glVertexAttribDivisor (0, 1);
  glBindVertexArray (0);
  glBindBuffer (GL_ARRAY_BUFFER, 0);

  self->vbo_capacity = 0;
  self->cells_dirty = TRUE;

  return TRUE;
}

static void
upload_cells (SoleusCellLayer *self)
{
  gsize size = (gsize) self->n_cells * sizeof (SoleusCell);

  glBindBuffer (GL_ARRAY_BUFFER, self->vbo);

  /* Reallocate the GPU buffer only when the cells outgrow it. */
  if (self->n_cells > self->vbo_capacity)
    {
      self->vbo_capacity = self->cells_capacity;
      glBufferData (GL_ARRAY_BUFFER,
                    (GLsizeiptr) (self->vbo_capacity * sizeof (SoleusCell)),
                    NULL, GL_DYNAMIC_DRAW);
    }

  glBufferSubData (GL_ARRAY_BUFFER, 0, (GLsizeiptr) size, self->cells);
  glBindBuffer (GL_ARRAY_BUFFER, 0);

  self->cells_dirty = FALSE;
}

static void
soleus_cell_layer_dispose (GObject *object)
{
  SoleusCellLayer *self = SOLEUS_CELL_LAYER (object);

  g_clear_handle_id (&self->hide_source, g_source_remove);

  G_OBJECT_CLASS (soleus_cell_layer_parent_class)->dispose (object);
}

static void
soleus_cell_layer_finalize (GObject *object)
{
  SoleusCellLayer *self = SOLEUS_CELL_LAYER (object);

  g_clear_pointer (&self->cells, g_free);

  G_OBJECT_CLASS (soleus_cell_layer_parent_class)->finalize (object);
}

static void
soleus_cell_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SoleusCellLayer *self = SOLEUS_CELL_LAYER (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GdkGLContext *
soleus_cell_layer_create_context (GtkGLArea *area)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (area));
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;

  /* GtkGLArea's own handler, except for the API: GtkGLArea 4.8 allows
   * desktop GL only (or GLES only, with use-es) where either will do here,
   * the shaders coming in both dialects. Errors are kept for
   * gtk_gl_area_get_error (), which prints nothing. */
  context = gdk_surface_create_gl_context (gtk_native_get_surface (native), &error);
  if (context == NULL)
    {
      gtk_gl_area_set_error (area, error);
      return NULL;
    }

  gdk_gl_context_set_allowed_apis (context, GDK_GL_API_GL | GDK_GL_API_GLES);
  if (!gdk_gl_context_realize (context, &error))
    {
      gtk_gl_area_set_error (area, error);
      return NULL;
    }

  return g_steal_pointer (&context);
}

static void
soleus_cell_layer_realize (GtkWidget *widget)
{
  SoleusCellLayer *self = SOLEUS_CELL_LAYER (widget);
  GtkGLArea *area = GTK_GL_AREA (widget);
  g_autoptr(GError) error = NULL;
  GError *context_error;

  /* GtkGLArea creates its context here (create_context above); failing,
   * it keeps the error to itself, and so do we. */
  GTK_WIDGET_CLASS (soleus_cell_layer_parent_class)->realize (widget);

  context_error = gtk_gl_area_get_error (area);
  if (context_error != NULL)
    {
      g_debug ("Cell layer: no OpenGL, cells are drawn with Cairo: %s",
               context_error->message);
      set_available (self, FALSE);
      return;
    }

  gtk_gl_area_make_current (area);
  if (!create_gl_resources (self, gtk_gl_area_get_context (area), &error))
    {
      g_debug ("Cell layer: cells are drawn with Cairo: %s", error->message);
      set_available (self, FALSE);
      return;
    }

  set_available (self, TRUE);
}

static void
soleus_cell_layer_unrealize (GtkWidget *widget)
{
  SoleusCellLayer *self = SOLEUS_CELL_LAYER (widget);
  GtkGLArea *area = GTK_GL_AREA (widget);

  if (self->program != 0 || self->vao != 0 || self->vbo != 0)
    {
      gtk_gl_area_make_current (area);
      if (gtk_gl_area_get_error (area) == NULL)
        {
          glDeleteBuffers (1, &self->vbo);
          glDeleteVertexArrays (1, &self->vao);
          glDeleteProgram (self->program);
        }
      self->vbo = 0;
      self->vao = 0;
      self->program = 0;
    }

  self->vbo_capacity = 0;
  self->cells_dirty = TRUE;
  self->n_drawn = 0;

  GTK_WIDGET_CLASS (soleus_cell_layer_parent_class)->unrealize (widget);
}

static void
soleus_cell_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SoleusCellLayer *self = SOLEUS_CELL_LAYER (widget);

  /* Without GL, GtkGLArea would draw its error message here. With no
   * cells, skip the GL round trip (and the read-back the Cairo renderer
   * does) altogether. */
  if (!self->available || self->n_cells == 0)
    {
      self->n_drawn = 0;
      return;
    }

  GTK_WIDGET_CLASS (soleus_cell_layer_parent_class)->snapshot (widget, snapshot);
}

static gboolean
soleus_cell_layer_render (GtkGLArea    *area,
                          GdkGLContext *context G_GNUC_UNUSED)
{
  SoleusCellLayer *self = SOLEUS_CELL_LAYER (area);
  GtkWidget *widget = GTK_WIDGET (area);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);

  self->n_drawn = 0;

  glClearColor (0.f, 0.f, 0.f, 0.f);
  glClear (GL_COLOR_BUFFER_BIT);

  if (self->program == 0 || self->n_cells == 0 || width <= 0 || height <= 0)
    return TRUE;

  if (self->cells_dirty)
    upload_cells (self);

  /* The framebuffer is in device pixels, the cells in logical pixels. */
  glViewport (0, 0, width * scale, height * scale);

  glUseProgram (self->program);
  glUniform2f (self->u_size, (float) width, (float) height);
  glUniform1f (self->u_scale, (float) scale);
  glUniform4fv (self->u_forward, 1, self->forward);
  glUniform4fv (self->u_backward, 1, self->backward);
  glUniform4fv (self->u_outline, 1, self->outline);

  glEnable (GL_BLEND);
  glBlendFunc (GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

  glBindVertexArray (self->vao);
  glDrawArraysInstanced (GL_TRIANGLE_STRIP, 0, 4, (GLsizei) self->n_cells);
  glBindVertexArray (0);

  glDisable (GL_BLEND);
  glUseProgram (0);

  self->n_drawn = self->n_cells;

  return TRUE;
}

static void
soleus_cell_layer_class_init (SoleusCellLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkGLAreaClass *gl_area_class = GTK_GL_AREA_CLASS (klass);

  object_class->dispose = soleus_cell_layer_dispose;
  object_class->finalize = soleus_cell_layer_finalize;
  object_class->get_property = soleus_cell_layer_get_property;

  widget_class->realize = soleus_cell_layer_realize;
  widget_class->unrealize = soleus_cell_layer_unrealize;
  widget_class->snapshot = soleus_cell_layer_snapshot;

  gl_area_class->create_context = soleus_cell_layer_create_context;
  gl_area_class->render = soleus_cell_layer_render;

  /**
   * SoleusCellLayer:available:
   *
   * Whether the layer can draw with OpenGL. It turns FALSE, quietly, when
   * realizing the widget found no usable GL; the layer then hides itself
   * and the cells must be drawn another way.
   */
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cell-layer");
  /* Decoration over the play area, which describes the scene itself. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
soleus_cell_layer_init (SoleusCellLayer *self)
{
  static const GdkRGBA forward = { 0.75f, 0.11f, 0.16f, 1.f };
  static const GdkRGBA backward = { 0.10f, 0.37f, 0.71f, 1.f };
  static const GdkRGBA outline = { 0.28f, 0.03f, 0.06f, 1.f };

  self->available = TRUE;
  self->cells_dirty = TRUE;
  set_rgba (self->forward, &forward);
  set_rgba (self->backward, &backward);
  set_rgba (self->outline, &outline);

  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

/**
 * soleus_cell_layer_new:
 *
 * Returns: (transfer floating): a new, empty cell layer
 */
GtkWidget *
soleus_cell_layer_new (void)
{
  return g_object_new (SOLEUS_TYPE_CELL_LAYER, NULL);
}

/**
 * soleus_cell_layer_set_cells:
 * @self: a #SoleusCellLayer
 * @cells: (array length=n_cells) (nullable): the cells to draw
 * @n_cells: how many
 *
 * Copies @cells and queues a render. Memory grows only when @n_cells
 * exceeds every earlier count, so calling this every frame allocates
 * nothing.
 */
void
soleus_cell_layer_set_cells (SoleusCellLayer  *self,
                             const SoleusCell *cells,
                             guint             n_cells)
{
  g_return_if_fail (SOLEUS_IS_CELL_LAYER (self));
  g_return_if_fail (cells != NULL || n_cells == 0);

  if (n_cells == 0 && self->n_cells == 0)
    return;

  if (n_cells > self->cells_capacity)
    {
      /* Room for some growth, so that a slowly rising count does not
       * reallocate (here and on the GPU) every frame. */
      self->cells_capacity = MAX (n_cells,
                                  self->cells_capacity + self->cells_capacity / 2);
      self->cells = g_renew (SoleusCell, self->cells, self->cells_capacity);
    }

  if (n_cells > 0)
    memcpy (self->cells, cells, n_cells * sizeof (SoleusCell));
  self->n_cells = n_cells;
  self->cells_dirty = TRUE;

  if (self->available)
    gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

guint
soleus_cell_layer_get_n_cells (SoleusCellLayer *self)
{
  g_return_val_if_fail (SOLEUS_IS_CELL_LAYER (self), 0);

  return self->n_cells;
}

/**
 * soleus_cell_layer_set_colors:
 * @self: a #SoleusCellLayer
 * @forward: (nullable): fill of cells moving forward
 * @backward: (nullable): ring of cells flowing backward
 * @outline: (nullable): rim of forward cells, outer edge of backward ones
 *
 * Sets the colours (straight, not premultiplied, alpha); %NULL keeps a
 * colour as it is.
 */
void
soleus_cell_layer_set_colors (SoleusCellLayer *self,
                              const GdkRGBA   *forward,
                              const GdkRGBA   *backward,
                              const GdkRGBA   *outline)
{
  g_return_if_fail (SOLEUS_IS_CELL_LAYER (self));

  if (forward != NULL)
    set_rgba (self->forward, forward);
  if (backward != NULL)
    set_rgba (self->backward, backward);
  if (outline != NULL)
    set_rgba (self->outline, outline);

  if (self->available)
    gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

gboolean
soleus_cell_layer_get_available (SoleusCellLayer *self)
{
  g_return_val_if_fail (SOLEUS_IS_CELL_LAYER (self), FALSE);

  return self->available;
}

guint
soleus_cell_layer_get_n_drawn (SoleusCellLayer *self)
{
  g_return_val_if_fail (SOLEUS_IS_CELL_LAYER (self), 0);

  return self->n_drawn;
}
