package dev.rnnc.compiler.train;

import java.util.List;
import java.util.Locale;

/**
 * The loss curve as a small self-contained SVG: training loss (and validation loss, when there is
 * one) per epoch, on a log scale when the loss spans more than a factor of 20.
 */
public final class LossCurve {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private LossCurve() {}

  /** The picture of {@code epochs} for the model {@code name}. */
  public static String svg(String name, List<Trainer.Epoch> epochs) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean validation = false;
    for (Trainer.Epoch e : epochs) {
      for (double v : new double[] {e.loss(), e.validationLoss()}) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      validation |= Double.isFinite(e.validationLoss());
    }
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(text(WIDTH / 2.0, 22, "middle", "14", escape(name) + ": loss per epoch"));
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#888\"/>\n",
            LEFT,
            TOP,
            plotW,
            plotH));
    if (epochs.isEmpty() || min > max) {
      s.append(text(WIDTH / 2.0, HEIGHT / 2.0, "middle", "12", "no epochs with targets"));
      return s.append("</svg>\n").toString();
    }
    boolean log = min > 0 && max / min > 20;
    Scale y = new Scale(min, max, log, TOP + plotH, TOP);
    int n = epochs.size();
    for (int k = 0; k <= (min == max ? 0 : 4); k++) {
      double v = y.valueAt(k / 4.0);
      double py = y.of(v);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#eee\"/>\n",
              LEFT,
              py,
              LEFT + plotW,
              py));
      s.append(text(LEFT - 6, py + 4, "end", "11", String.format(Locale.ROOT, "%.3g", v)));
    }
    if (n == 1) {
      s.append(text(x(1, 1, plotW), TOP + plotH + 18, "middle", "11", "1"));
    }
    for (int k = 0; k < 5 && n > 1; k++) {
      int epoch = 1 + (int) Math.round(k * (n - 1) / 4.0);
      s.append(text(x(epoch, n, plotW), TOP + plotH + 18, "middle", "11", "" + epoch));
    }
    s.append(text(LEFT + plotW / 2, HEIGHT - 12, "middle", "12", "epoch"));
    s.append(line(epochs, n, plotW, y, false, "#1f77b4"));
    if (n == 1) {
      // One epoch (or a ridge fit): a dot and its value, since a line needs two points.
      Trainer.Epoch only = epochs.get(0);
      s.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f77b4\"/>\n",
              x(1, 1, plotW),
              y.of(only.loss())));
      s.append(
          text(
              x(1, 1, plotW),
              y.of(only.loss()) - 10,
              "middle",
              "12",
              String.format(Locale.ROOT, "loss %.6g", only.loss())));
    }
    s.append(legend(LEFT + 10, TOP + 16, "#1f77b4", "training" + (log ? " (log scale)" : "")));
    if (validation) {
      s.append(line(epochs, n, plotW, y, true, "#d62728"));
      s.append(legend(LEFT + 10, TOP + 32, "#d62728", "validation"));
    }
    return s.append("</svg>\n").toString();
  }

  private static String line(
      List<Trainer.Epoch> epochs, int n, double plotW, Scale y, boolean validation, String color) {
    StringBuilder points = new StringBuilder();
    for (Trainer.Epoch e : epochs) {
      double v = validation ? e.validationLoss() : e.loss();
      if (Double.isFinite(v)) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(e.number(), n, plotW), y.of(v)));
      }
    }
    return "<polyline fill=\"none\" stroke=\""
        + color
        + "\" stroke-width=\"2\" points=\""
        + points.toString().strip()
        + "\"/>\n";
  }

  private static double x(int epoch, int n, double plotW) {
    return n <= 1 ? LEFT + plotW / 2 : LEFT + plotW * (epoch - 1) / (n - 1);
  }

  private static String legend(double x, double y, String color, String label) {
    return String.format(
            Locale.ROOT,
            "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" stroke-width=\"2\"/>\n",
            x,
            y - 4,
            x + 18,
            y - 4,
            color)
        + text(x + 24, y, "start", "11", label);
  }

  private static String text(double x, double y, String anchor, String size, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\">%s</text>\n",
        x,
        y,
        anchor,
        size,
        content);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Maps loss values to vertical pixels, linearly or logarithmically. */
  private record Scale(double min, double max, boolean log, double bottom, double top) {
    double of(double v) {
      double lo = log ? Math.log(min) : min;
      double hi = log ? Math.log(max) : max;
      double f = hi == lo ? 0.5 : ((log ? Math.log(v) : v) - lo) / (hi - lo);
      return bottom - f * (bottom - top);
    }

    double valueAt(double f) {
      if (log) {
        return Math.exp(Math.log(min) + f * (Math.log(max) - Math.log(min)));
      }
      return min + f * (max - min);
    }
  }
}
