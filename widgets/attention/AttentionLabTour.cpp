// The neighbourhood-attention lab's teaching side: the actions its guided tour
// (resources/tours/attention.json) may use, each going through the same undoable command
// (SetAttentionSettingsCmd) as a user edit, and the lab's gallery figures
// (`algoscope-cli figures --lab attention`): the windows of one query under NATTEN's plain,
// dilated, causal and strided settings, and the latency of the CPU implementations against
// kernel size (Hassani et al., "Faster Neighborhood Attention": unfused kernels pay for the score
// tensor's round trip through memory; the fused kernel keeps scores in registers).
#include "AttentionLab.h"
#include "AttentionModel.h"
#include "SetAttentionSettingsCmd.h"
#include "tour/TourArgs.h"

#include "attention/NaForward.h"
#include "attention/NaIndex.h"
#include "util/Rng.h"
#include "util/TaskContext.h"

#include <QJsonValue>
#include <QPainter>
#include <QUndoStack>
#include <qcustomplot.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

namespace algoscope::ui {

namespace {

using tourargs::boolArg;
using tourargs::fail;
using tourargs::intArg;

/// NATTEN's reason a setting is invalid, or empty (the model's own rule, on a scratch model).
QString invalidReasonOf(const AttentionSettings& s) {
    AttentionModel scratch;
    scratch.setSettings(s);
    return scratch.invalidReason();
}

} // namespace

// [SECTION] tour actions --------------------------------------------------------------------------

QList<TourActionSpec> AttentionLab::tourActions() const {
    return {
        {QStringLiteral("setSize"),
         {QStringLiteral("width")},
         {QStringLiteral("height")},
         tr("Neighbourhood panel: choose 1-D strip (width only) or 2-D grid and set the size; "
            "shrink the kernel if it no longer fits")},
        {QStringLiteral("setKernel"),
         {QStringLiteral("kernel")},
         {QStringLiteral("dilation"), QStringLiteral("stride"), QStringLiteral("causal"),
          QStringLiteral("axis")},
         tr("Neighbourhood panel: set kernel k, dilation d, stride s and causal (per axis or for "
            "both)")},
        {QStringLiteral("selectQuery"),
         {QStringLiteral("x")},
         {QStringLiteral("y")},
         tr("Click a cell of the explorer to select that query")},
        {QStringLiteral("showInverse"),
         {QStringLiteral("on")},
         {},
         tr("Neighbourhood panel: tick 'Inverse view: which queries see this key'")},
        {QStringLiteral("setHeads"),
         {QStringLiteral("heads")},
         {QStringLiteral("headDim")},
         tr("Neighbourhood panel: set the heads and head dim used by the counters and benchmark")},
        {QStringLiteral("runBenchmark"),
         {},
         {QStringLiteral("maxKernel")},
         tr("Benchmark panel: set 'k up to' and press Run")},
    };
}

bool AttentionLab::applyTourAction(const QString& name, const QJsonObject& args, QString* error) {
    const AttentionSettings current = m_model->settings();
    AttentionSettings s = current;
    // Pushes s as one undoable edit, refusing a setting NATTEN rejects (a tour must show a valid
    // one; the user may still type an invalid one and read why in the panel).
    auto push = [&](const QString& what) {
        const QString why = invalidReasonOf(s);
        if (!why.isEmpty())
            return fail(error, QStringLiteral("%1 gives an invalid setting: %2").arg(name, why));
        if (!(s == current))
            undoStack()->push(new SetAttentionSettingsCmd(m_model, s, what));
        return true;
    };

    if (name == QLatin1String("setSize")) {
        // width alone: a 1-D strip of width tokens; width and height: a height x width grid.
        int width = 0, height = 0;
        if (!args.contains(QLatin1String("width")))
            return fail(error, QStringLiteral("setSize needs 'width'"));
        if (!intArg(args, "width", 1, AttentionSettings::kMaxSide, &width, error) ||
            !intArg(args, "height", 1, AttentionSettings::kMaxSide, &height, error))
            return false;
        s.rank = height > 0 ? 2 : 1;
        s.size[1] = width;
        if (height > 0)
            s.size[0] = height;
        // Keep the selected query on the grid, and fit a kernel that no longer fits (k <= L,
        // k * d <= L, s <= k), so every step can start from whatever the user did before it.
        for (std::size_t a = 0; a < 2; ++a) {
            s.query[a] = std::min(s.query[a], s.size[a] - 1);
            s.kernel[a] = std::min(s.kernel[a], s.size[a]);
            s.dilation[a] = std::max(1, std::min(s.dilation[a], s.size[a] / s.kernel[a]));
            s.stride[a] = std::min(s.stride[a], s.kernel[a]);
        }
        return push(tr("Change size"));
    }
    if (name == QLatin1String("setKernel")) {
        // axis: "rows", "columns" or "both" (default). kernel: an integer, or "full" for the
        // axis length with dilation 1 and stride 1 (exactly full self-attention).
        const QString axis = args.value(QLatin1String("axis")).toString(QStringLiteral("both"));
        std::vector<std::size_t> axes;
        if (axis == QLatin1String("both"))
            axes = {0, 1};
        else if (axis == QLatin1String("rows"))
            axes = {0};
        else if (axis == QLatin1String("columns"))
            axes = {1};
        else
            return fail(error, QStringLiteral("'axis' is rows, columns or both"));
        const bool full = args.value(QLatin1String("kernel")).toString() == QLatin1String("full");
        int kernel = 0, dilation = 0, stride = 0;
        bool causal = false;
        const bool hasCausal = args.contains(QLatin1String("causal"));
        if (!full && !args.value(QLatin1String("kernel")).isDouble())
            return fail(error, QStringLiteral("'kernel' must be an integer or \"full\""));
        if ((!full && !intArg(args, "kernel", 1, AttentionSettings::kMaxSide, &kernel, error)) ||
            !intArg(args, "dilation", 1, AttentionSettings::kMaxSide, &dilation, error) ||
            !intArg(args, "stride", 1, AttentionSettings::kMaxSide, &stride, error) ||
            !boolArg(args, "causal", &causal, error))
            return false;
        if (full && (dilation > 1 || stride > 1))
            return fail(error, QStringLiteral("kernel \"full\" implies dilation 1 and stride 1"));
        for (std::size_t a : axes) {
            s.kernel[a] = full ? s.size[a] : kernel;
            if (full) {
                s.dilation[a] = 1;
                s.stride[a] = 1;
            } else {
                // Unspecified dilation, stride and causal reset to 1, 1 and false, so each
                // step states its whole setting.
                s.dilation[a] = dilation > 0 ? dilation : 1;
                s.stride[a] = stride > 0 ? stride : 1;
            }
            s.causal[a] = hasCausal && causal;
        }
        return push(full ? tr("Full attention") : tr("Change kernel"));
    }
    if (name == QLatin1String("selectQuery")) {
        int x = -1, y = 0;
        if (!args.contains(QLatin1String("x")))
            return fail(error, QStringLiteral("selectQuery needs 'x'"));
        if (!intArg(args, "x", 0, current.size[1] - 1, &x, error))
            return false;
        if (current.rank == 2) {
            y = current.query[0];
            if (!intArg(args, "y", 0, current.size[0] - 1, &y, error))
                return false;
        } else if (args.contains(QLatin1String("y"))) {
            return fail(error, QStringLiteral("'y' is only for a 2-D grid (this is a 1-D strip)"));
        }
        selectPosition(y, x);
        return true;
    }
    if (name == QLatin1String("showInverse")) {
        if (!args.value(QLatin1String("on")).isBool())
            return fail(error, QStringLiteral("'on' must be true or false"));
        s.inverse = args.value(QLatin1String("on")).toBool();
        return push(tr("Toggle inverse view"));
    }
    if (name == QLatin1String("setHeads")) {
        if (!args.contains(QLatin1String("heads")))
            return fail(error, QStringLiteral("setHeads needs 'heads'"));
        if (!intArg(args, "heads", 1, 64, &s.heads, error) ||
            !intArg(args, "headDim", 1, attention::kMaxHeadDim, &s.headDim, error))
            return false;
        return push(tr("Change heads"));
    }
    if (name == QLatin1String("runBenchmark")) {
        if (!intArg(args, "maxKernel", 1, 63, &s.benchMaxKernel, error))
            return false;
        if (!push(tr("Change benchmark kernels")))
            return false;
        runBenchmark();
        return true;
    }
    return Lab::applyTourAction(name, args, error);
}

// [SECTION] gallery ------------------------------------------------------------------------------

namespace {

/// One panel of the windows figure: a grid, one query, its keys and the queries sharing them.
struct WindowPanel {
    QString caption;
    int rows = 0, cols = 0;
    int qRow = 0, qCol = 0;
    std::set<std::int64_t> keys;   // flat indices of the query's neighbours
    std::set<std::int64_t> shares; // other queries with exactly the same window
};

WindowPanel windowPanel(const QString& caption, int side, const attention::AxisParams& axis,
                        int qRow, int qCol) {
    WindowPanel w;
    w.caption = caption;
    w.rows = w.cols = side;
    w.qRow = qRow;
    w.qCol = qCol;
    const std::vector<int> sizes{side, side};
    const attention::NaParams params{{axis, axis}};
    attention::validate(params, sizes);
    const auto mine = attention::neighbors(sizes, params, {qRow, qCol});
    w.keys.insert(mine.begin(), mine.end());
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c)
            if ((r != qRow || c != qCol) && attention::neighbors(sizes, params, {r, c}) == mine)
                w.shares.insert(std::int64_t(r) * side + c);
    return w;
}

void paintWindowPanel(QPainter& p, const QRectF& area, const WindowPanel& w) {
    QFont font = p.font();
    font.setPixelSize(std::max(10, int(area.height() * 0.045)));
    p.setFont(font);
    const double captionH = QFontMetricsF(font).height() * 2.4;
    const QRectF gridArea = area.adjusted(8, captionH, -8, -8);
    const double cell = std::min(gridArea.width() / w.cols, gridArea.height() / w.rows);
    const QPointF origin(gridArea.center().x() - cell * w.cols / 2, gridArea.top());
    p.setPen(Qt::black);
    p.drawText(QRectF(area.left() + 8, area.top() + 4, area.width() - 16, captionH - 4),
               Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, w.caption);
    const QColor keyColor = seriesColor(0).lighter(140), shareColor = seriesColor(1);
    for (int r = 0; r < w.rows; ++r) {
        for (int c = 0; c < w.cols; ++c) {
            const std::int64_t flat = std::int64_t(r) * w.cols + c;
            const QRectF rc(origin.x() + c * cell, origin.y() + r * cell, cell, cell);
            p.fillRect(rc, w.keys.count(flat) ? keyColor : QColor(Qt::white));
            p.setPen(QPen(QColor(180, 180, 180), 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(rc);
            if (w.shares.count(flat)) {
                // Another query with exactly this window: an orange dot.
                p.setPen(QPen(Qt::black, 1));
                p.setBrush(shareColor);
                p.drawEllipse(rc.center(), cell * 0.22, cell * 0.22);
            }
        }
    }
    const QRectF q(origin.x() + w.qCol * cell, origin.y() + w.qRow * cell, cell, cell);
    p.setPen(QPen(Qt::black, std::max(2.0, cell * 0.12)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(q.adjusted(cell * 0.12, cell * 0.12, -cell * 0.12, -cell * 0.12));
}

/// Best-of-reps wall time of one CPU implementation, in milliseconds (one warm-up run first).
double timeImpl(attention::Impl impl, const attention::Tensor& q, const attention::Tensor& k,
                const attention::Tensor& v, const attention::NaOptions& o, int reps,
                const util::TaskContext& ctx) {
    double best = 1e300;
    for (int r = 0; r <= reps; ++r) {
        ctx.checkCancelled();
        const auto t0 = std::chrono::steady_clock::now();
        attention::forwardCpu(impl, q, k, v, o, ctx);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        if (r > 0)
            best = std::min(best, ms);
    }
    return best;
}

struct LatencyPoint {
    int kernel = 0;
    double naive = 0, gemm = 0, fused = 0;
};

} // namespace

QList<GalleryFigure> AttentionLab::galleryFigures() const {
    GalleryFigure windows;
    windows.id = QStringLiteral("attention-windows");
    windows.title = QStringLiteral("Neighbourhood attention: which keys one query sees");
    windows.caption = QStringLiteral(
        "The neighbourhood (blue) of one query (black frame) on an 11 x 11 grid under NATTEN's "
        "index rules, computed with the lab's core index math; orange dots mark the other "
        "queries whose window is exactly the same. Top left: kernel 5 x 5 for a "
        "query near the top-right corner; the window shifts inward at the border instead of "
        "being padded, so the query still sees 25 keys but is off centre. Top right: kernel 3, "
        "dilation 3 (Dilated Neighborhood Attention): 9 keys spread over a 7 x 7 span, only of "
        "the query's dilation group. Bottom left: kernel 5, causal on both axes: the up-left "
        "box of keys not after the query on either axis. Bottom right: kernel 6, stride 3: the "
        "queries of a 3 x 3 stride group share one window centred on their leader. Windows are "
        "also shared near a border of the grid or of a dilation group, where they stop "
        "sliding.");
    windows.make = [](const util::TaskContext& ctx) {
        ctx.checkCancelled();
        const int side = 11;
        QVector<WindowPanel> panels;
        panels << windowPanel(QStringLiteral("k = 5: border query (1, 9), window shifted"), side,
                              {5, 1, 1, false}, 1, 9)
               << windowPanel(QStringLiteral("k = 3, dilation 3: query (5, 5)"), side,
                              {3, 3, 1, false}, 5, 5)
               << windowPanel(QStringLiteral("k = 5, causal: query (5, 5)"), side, {5, 1, 1, true},
                              5, 5)
               << windowPanel(QStringLiteral("k = 6, stride 3: query (5, 5) and its group"), side,
                              {6, 1, 3, false}, 5, 5);
        FigureDrawing d;
        d.size = QSize(1000, 1000);
        d.csv = "panel,query_row,query_col,key_row,key_col\n";
        QStringList facts;
        int index = 0;
        for (const WindowPanel& w : panels) {
            for (std::int64_t key : w.keys)
                d.csv += QByteArray::number(index) + ',' + QByteArray::number(w.qRow) + ',' +
                         QByteArray::number(w.qCol) + ',' + QByteArray::number(key / w.cols) + ',' +
                         QByteArray::number(key % w.cols) + '\n';
            facts << QStringLiteral("%1: %2 keys%3")
                         .arg(w.caption)
                         .arg(w.keys.size())
                         .arg(w.shares.empty() ? QString()
                                               : QStringLiteral(", shared by %1 other queries")
                                                     .arg(w.shares.size()));
            ++index;
        }
        d.details =
            QStringLiteral("Computed: ") + facts.join(QStringLiteral("; ")) + QStringLiteral(".");
        d.paint = [panels](QCPPainter& p, QSize size) {
            p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
            p.setRenderHint(QPainter::Antialiasing, false);
            const double w = size.width() / 2.0, h = size.height() / 2.0;
            for (int i = 0; i < panels.size(); ++i)
                paintWindowPanel(p, QRectF((i % 2) * w, (i / 2) * h, w, h), panels[i]);
        };
        return d;
    };

    GalleryFigure latency;
    latency.id = QStringLiteral("attention-latency-vs-kernel");
    latency.title = QStringLiteral("Neighbourhood attention: CPU latency against kernel size");
    latency.caption = QStringLiteral(
        "Forward-pass latency of the lab's CPU implementations of 2-D neighbourhood attention "
        "on a 32 x 32 grid (1,024 tokens), batch 1, 4 heads, head_dim 32, float32, one thread, "
        "dilation 1, stride 1, kernel k x k for odd k from 1 to 21; best of 5 runs after a "
        "warm-up, measured on the machine that made the figure. naive loops over each query's "
        "window; gemm is unfused (Q K^T tiles, scores scattered into the [heads, 32, 32, k^2] "
        "score tensor in memory, softmax, gathered back for P V); fused keeps scores in "
        "registers (segments of up to 16 queries along a row share one key range, online "
        "softmax), as in Hassani et al., \"Faster Neighborhood Attention\" (NeurIPS 2024). "
        "The dashed line is masked dense "
        "attention (full 1,024 x 1,024 scores per head, then the mask), whose cost does not "
        "depend on k. CPU only: no GPU timing is shown.");
    latency.make = [](const util::TaskContext& ctx) {
        const int side = 32, heads = 4, headDim = 32, reps = 5;
        const std::vector<std::int64_t> shape{1, side, side, heads, headDim};
        const auto q = attention::uniformTensor(shape, 1), k = attention::uniformTensor(shape, 2),
                   v = attention::uniformTensor(shape, 3);
        std::vector<int> kernels;
        for (int kk = 1; kk <= 21; kk += 2)
            kernels.push_back(kk);
        auto options = [](int kk) {
            attention::NaOptions o;
            o.params.axes = {{kk, 1, 1, false}, {kk, 1, 1, false}};
            o.threads = 1;
            return o;
        };
        std::vector<LatencyPoint> points;
        for (std::size_t i = 0; i < kernels.size(); ++i) {
            const int kk = kernels[i];
            ctx.report(double(i) / double(kernels.size() + 1), "k = " + std::to_string(kk));
            const attention::NaOptions o = options(kk);
            LatencyPoint pt;
            pt.kernel = kk;
            pt.naive = timeImpl(attention::Impl::Naive, q, k, v, o, reps, ctx);
            pt.gemm = timeImpl(attention::Impl::Gemm, q, k, v, o, reps, ctx);
            pt.fused = timeImpl(attention::Impl::Fused, q, k, v, o, reps, ctx);
            points.push_back(pt);
        }
        // Masked dense attention: the same for every k (it computes all n^2 scores).
        const double masked = timeImpl(attention::Impl::MaskedGemm, q, k, v, options(7), reps, ctx);

        FigureDrawing d;
        d.csv = "kernel,naive_ms,gemm_ms,fused_ms,masked_gemm_ms\n";
        for (const LatencyPoint& p : points)
            d.csv += QByteArray::number(p.kernel) + ',' + QByteArray::number(p.naive, 'g', 6) +
                     ',' + QByteArray::number(p.gemm, 'g', 6) + ',' +
                     QByteArray::number(p.fused, 'g', 6) + ',' +
                     QByteArray::number(masked, 'g', 6) + '\n';
        auto at = [&points](int kk) {
            for (const LatencyPoint& p : points)
                if (p.kernel == kk)
                    return p;
            return points.back();
        };
        const LatencyPoint p7 = at(7), pMax = points.back();
        d.details =
            QStringLiteral(
                "Measured (fused kernel ISA: %1): at k = 7, naive %2 ms, gemm %3 ms, fused %4 ms "
                "(speed-up over naive: fused %5x, gemm %6x); at k = %7, naive %8 ms, gemm %9 ms, "
                "fused %10 ms (speed-up over naive: fused %11x); masked dense attention %12 ms.")
                .arg(QString::fromLatin1(attention::fusedIsa().data()))
                .arg(p7.naive, 0, 'f', 2)
                .arg(p7.gemm, 0, 'f', 2)
                .arg(p7.fused, 0, 'f', 2)
                .arg(p7.naive / p7.fused, 0, 'f', 1)
                .arg(p7.naive / p7.gemm, 0, 'f', 1)
                .arg(pMax.kernel)
                .arg(pMax.naive, 0, 'f', 2)
                .arg(pMax.gemm, 0, 'f', 2)
                .arg(pMax.fused, 0, 'f', 2)
                .arg(pMax.naive / pMax.fused, 0, 'f', 1)
                .arg(masked, 0, 'f', 2);
        d.paint = paintPlot([points, masked](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            const char* names[] = {"naive", "gemm (unfused)", "fused"};
            const QCPScatterStyle::ScatterShape shapes[] = {
                QCPScatterStyle::ssCircle, QCPScatterStyle::ssSquare, QCPScatterStyle::ssDiamond};
            for (int s = 0; s < 3; ++s) {
                QVector<double> x, y;
                for (const LatencyPoint& p : points) {
                    x << p.kernel;
                    y << (s == 0 ? p.naive : s == 1 ? p.gemm : p.fused);
                }
                QCPGraph* g = plot.addGraph();
                g->setName(QString::fromLatin1(names[s]));
                g->setPen(QPen(seriesColor(s), 2));
                g->setScatterStyle(QCPScatterStyle(shapes[s], 7));
                g->setData(x, y);
            }
            QCPGraph* m = plot.addGraph();
            m->setName(QStringLiteral("masked dense attention"));
            QPen dashed(seriesColor(3), 2);
            dashed.setStyle(Qt::DashLine);
            m->setPen(dashed);
            m->setData(QVector<double>{0, double(points.back().kernel + 1)},
                       QVector<double>{masked, masked});
            plot.xAxis->setLabel(QStringLiteral("kernel size k (window k x k)"));
            plot.yAxis->setLabel(QStringLiteral("latency, ms (log scale)"));
            plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
            plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
            plot.rescaleAxes();
            plot.xAxis->setRange(0, points.back().kernel + 1);
            plot.yAxis->setRange(plot.yAxis->range().lower / 1.5, plot.yAxis->range().upper * 1.5);
            plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
        });
        return d;
    };
    return {windows, latency};
}

} // namespace algoscope::ui
