"""Events -> plain numbers: what is drawn where, computed before any painting. No Qt here.

`compute_scene` turns the event arrays, the visible range, the plot size, the filters, the
selection and a text-measuring function into a `Scene`; the view only paints it, and clicks,
hover and tooltips query it.
"""
