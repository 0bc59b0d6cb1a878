#include "ContfracFormulaView.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace algoscope::ui {

namespace {
constexpr int kPad = 6; // horizontal room around a fraction bar
constexpr int kGap = 3; // vertical room between a bar and its numerator/denominator

QString minus() {
    return QString(QChar(0x2212));
}
} // namespace

ContfracFormulaView::ContfracFormulaView(QWidget* parent) : QWidget(parent) {
    QFont f = font();
    f.setPointSizeF(std::max(12.0, f.pointSizeF() * 1.3));
    f.setFamily(QStringLiteral("DejaVu Serif"));
    setFont(f);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, Qt::white);
    pal.setColor(QPalette::WindowText, Qt::black);
    setPalette(pal);
    setObjectName(QStringLiteral("contfrac.formula"));
}

void ContfracFormulaView::setFormula(const ContfracFormula& f) {
    m_formula = f;
    updateGeometry();
    update();
}

void ContfracFormulaView::setLevels(int levels) {
    m_levels = std::max(1, levels);
    updateGeometry();
    update();
}

int ContfracFormulaView::shownLevels() const {
    return std::min<int>(m_levels, int(m_formula.a.size()));
}

// Level i shows "a_i  (+|-)  |b_i| / [level i+1]"; the last shown level shows "a_i (+|-) ...".
ContfracFormulaView::Box ContfracFormulaView::measure(const QFontMetrics& fm, int level) const {
    const int n = shownLevels();
    Box box;
    const QString a = m_formula.a.value(level);
    const QString b = m_formula.b.value(level, QStringLiteral("1"));
    const QString op =
        b.startsWith('-') ? QStringLiteral(" %1 ").arg(minus()) : QStringLiteral(" + ");
    if (level >= n - 1) {
        box.width = fm.horizontalAdvance(a + op + QString(QChar(0x22EF)));
        box.above = fm.ascent();
        box.below = fm.descent();
        return box;
    }
    const QString num = b.startsWith('-') ? b.mid(1) : b;
    const Box den = measure(fm, level + 1);
    const int axis = fm.ascent() * 35 / 100; // fraction bar above the baseline
    const int fracW = std::max(fm.horizontalAdvance(num), den.width) + 2 * kPad;
    box.width = fm.horizontalAdvance(a + op) + fracW;
    box.above = std::max(fm.ascent(), axis + kGap + fm.height());
    box.below = std::max(fm.descent(), -axis + kGap + den.above + den.below);
    return box;
}

void ContfracFormulaView::draw(QPainter& p, const QFontMetrics& fm, int level, int x,
                               int baseline) const {
    const int n = shownLevels();
    const QString a = m_formula.a.value(level);
    const QString b = m_formula.b.value(level, QStringLiteral("1"));
    const QString op =
        b.startsWith('-') ? QStringLiteral(" %1 ").arg(minus()) : QStringLiteral(" + ");
    if (level >= n - 1) {
        p.drawText(x, baseline, a + op + QString(QChar(0x22EF)));
        return;
    }
    p.drawText(x, baseline, a + op);
    x += fm.horizontalAdvance(a + op);
    const QString num = b.startsWith('-') ? b.mid(1) : b;
    const Box den = measure(fm, level + 1);
    const int fracW = std::max(fm.horizontalAdvance(num), den.width) + 2 * kPad;
    const int axis = baseline - fm.ascent() * 35 / 100;
    p.drawLine(QPointF(x + 2, axis + 0.5), QPointF(x + fracW - 2, axis + 0.5));
    const int numW = fm.horizontalAdvance(num);
    p.drawText(x + (fracW - numW) / 2, axis - kGap - fm.descent(), num);
    draw(p, fm, level + 1, x + (fracW - den.width) / 2, axis + kGap + den.above);
}

ContfracFormulaView::Box ContfracFormulaView::total(const QFontMetrics& fm) const {
    Box box;
    const QString lhs = m_formula.lhs.isEmpty() ? QString() : m_formula.lhs + QStringLiteral(" = ");
    box.width = fm.horizontalAdvance(lhs);
    box.above = fm.ascent();
    box.below = fm.descent();
    if (shownLevels() > 0) {
        const Box cf = measure(fm, 0);
        box.width += cf.width;
        box.above = std::max(box.above, cf.above);
        box.below = std::max(box.below, cf.below);
    }
    return box;
}

void ContfracFormulaView::render(QPainter& p, const QRect& area) const {
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(area, Qt::white);
    if (shownLevels() == 0) {
        p.setPen(Qt::gray);
        p.drawText(area, Qt::AlignCenter, tr("Expand a constant or pick a conjecture"));
        return;
    }
    // Shrink the font until the formula fits the area.
    QFont f = p.font();
    for (int i = 0; i < 12; ++i) {
        const QFontMetrics fm(f);
        const Box b = total(fm);
        if (b.width + 20 <= area.width() && b.above + b.below + 10 <= area.height())
            break;
        f.setPointSizeF(f.pointSizeF() * 0.88);
    }
    p.setFont(f);
    const QFontMetrics fm(f);
    const Box b = total(fm);
    int x = area.left() + std::max(10, (area.width() - b.width) / 2);
    const int baseline =
        area.top() + std::max(5, (area.height() - b.above - b.below) / 2) + b.above;
    p.setPen(QPen(Qt::black, 1.2));
    if (!m_formula.lhs.isEmpty()) {
        const QString lhs = m_formula.lhs + QStringLiteral(" = ");
        p.drawText(x, baseline, lhs);
        x += fm.horizontalAdvance(lhs);
    }
    draw(p, fm, 0, x, baseline);
}

QSize ContfracFormulaView::sizeHint() const {
    const Box b = total(QFontMetrics(font()));
    return {std::max(400, b.width + 20), std::max(120, b.above + b.below + 20)};
}

QSize ContfracFormulaView::minimumSizeHint() const {
    return {200, 100};
}

void ContfracFormulaView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setFont(font());
    render(p, rect());
}

bool ContfracFormulaView::exportFigure(const QString& path, const ExportOptions& options,
                                       QString* error) {
    const QString ext = QFileInfo(path).suffix().toLower();
    const QSize size = options.size.isValid() ? options.size : QSize(1200, 400);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    if (ext == QLatin1String("png")) {
        QImage img(size, QImage::Format_ARGB32);
        img.fill(Qt::white);
        QPainter p(&img);
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * size.height() / std::max(1, height()));
        p.setFont(f);
        render(p, QRect(QPoint(0, 0), size));
        p.end();
        img.save(&file, "PNG");
    } else if (ext == QLatin1String("svg")) {
        QSvgGenerator gen;
        gen.setOutputDevice(&file);
        gen.setSize(size);
        gen.setViewBox(QRect(QPoint(0, 0), size));
        QPainter p(&gen);
        p.setFont(font());
        render(p, QRect(QPoint(0, 0), size));
    } else if (ext == QLatin1String("pdf")) {
        QPdfWriter pdf(&file);
        pdf.setPageSize(QPageSize(QSizeF(size) * 72.0 / options.dpi, QPageSize::Point));
        pdf.setResolution(int(options.dpi));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p(&pdf);
        p.setFont(font());
        render(p, QRect(QPoint(0, 0), size));
    } else {
        if (error)
            *error = tr("unsupported format '%1' (png, svg, pdf)").arg(ext);
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace algoscope::ui
