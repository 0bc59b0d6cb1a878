#include "LifePatternsPanel.h"

#include "LifeLab.h"

#include "life/PatternLibrary.h"

#include <QImage>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>

namespace algoscope::ui {

namespace {
// A square thumbnail of a pattern: live cells light on dark, scaled to fit.
QPixmap preview(const life::Board& b, int size) {
    QImage image(int(std::max(1u, b.width())), int(std::max(1u, b.height())), QImage::Format_RGB32);
    image.fill(QColor(19, 21, 26));
    for (std::uint32_t y = 0; y < b.height(); ++y)
        for (std::uint32_t x = 0; x < b.width(); ++x)
            if (b.get(x, y))
                image.setPixel(int(x), int(y), qRgb(250, 214, 82));
    QPixmap pixmap(size, size);
    pixmap.fill(QColor(40, 43, 50));
    QPainter p(&pixmap);
    const QSize scaled = image.size().scaled(size - 4, size - 4, Qt::KeepAspectRatio);
    p.drawImage(QRect(QPoint((size - scaled.width()) / 2, (size - scaled.height()) / 2), scaled),
                image);
    return pixmap;
}
} // namespace

LifePatternsPanel::LifePatternsPanel(LifeLab* lab, QWidget* parent)
    : Panel(QStringLiteral("life"), QStringLiteral("patterns"), tr("Pattern library"), parent),
      m_lab(lab), m_list(new QListWidget(this)) {
    setDefaultArea(Qt::RightDockWidgetArea);
    m_list->setIconSize(QSize(48, 48));
    m_list->setObjectName(QStringLiteral("life.patterns"));
    m_list->setToolTip(
        tr("Click a pattern, then click on the board to place it (Shift-click places several)"));
    try {
        for (const life::LibraryPattern& p : life::PatternLibrary::instance().patterns()) {
            QString detail = QString::fromStdString(p.category);
            if (p.period > 0)
                detail += tr(", period %1").arg(p.period);
            auto* item = new QListWidgetItem(
                QIcon(preview(p.pattern.cells, 48)),
                QStringLiteral("%1\n%2").arg(QString::fromStdString(p.name), detail));
            item->setToolTip(
                tr("%1 — %2 (%3)\n%4 × %5 cells")
                    .arg(QString::fromStdString(p.name), QString::fromStdString(p.discoverer))
                    .arg(p.year)
                    .arg(p.width())
                    .arg(p.height()));
            item->setData(Qt::UserRole, QString::fromStdString(p.id));
            m_list->addItem(item);
        }
    } catch (const std::exception& e) {
        m_list->addItem(tr("Pattern library unavailable: %1").arg(QString::fromUtf8(e.what())));
    }
    setWidget(m_list);
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (const life::LibraryPattern* p = life::PatternLibrary::instance().find(id.toStdString()))
            m_lab->beginPlacement(p->pattern.cells, QString::fromStdString(p->name));
    });
}

} // namespace algoscope::ui
