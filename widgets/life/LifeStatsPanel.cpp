#include "LifeStatsPanel.h"

#include "LifeModel.h"

#include <QFormLayout>
#include <QLabel>
#include <QTimer>

namespace algoscope::ui {

namespace {
QString engineering(double v) {
    if (v <= 0)
        return QStringLiteral("—");
    return QString::number(v, 'g', 3);
}
} // namespace

LifeStatsPanel::LifeStatsPanel(LifeModel* model, QWidget* parent)
    : Panel(QStringLiteral("life"), QStringLiteral("stats"), tr("Statistics"), parent),
      m_model(model) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget(this);
    auto* form = new QFormLayout(body);
    auto label = [body] {
        auto* l = new QLabel(body);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    m_generation = label();
    m_generation->setObjectName(QStringLiteral("life.stats.generation"));
    m_population = label();
    m_population->setObjectName(QStringLiteral("life.stats.population"));
    m_board = label();
    m_bbox = label();
    m_engineRate = label();
    m_displayRate = label();
    m_period = label();
    form->addRow(tr("Generation"), m_generation);
    form->addRow(tr("Population"), m_population);
    form->addRow(tr("Board"), m_board);
    form->addRow(tr("Bounding box"), m_bbox);
    form->addRow(tr("Engine cell updates/s"), m_engineRate);
    form->addRow(tr("Shown generations/s"), m_displayRate);
    form->addRow(tr("Period"), m_period);
    setWidget(body);
    // Statistics change every frame while playing; people read them a few times a second.
    auto* throttle = new QTimer(this);
    throttle->setSingleShot(true);
    throttle->setInterval(150);
    connect(throttle, &QTimer::timeout, this, &LifeStatsPanel::requestRefresh);
    auto schedule = [throttle] {
        if (!throttle->isActive())
            throttle->start();
    };
    connect(m_model, &LifeModel::statsChanged, this, schedule);
    connect(m_model, &LifeModel::settingsChanged, this, schedule);
    refresh();
}

void LifeStatsPanel::refresh() {
    const life::Board& b = m_model->board();
    m_generation->setText(QString::number(m_model->generation()));
    m_population->setText(QString::number(m_model->population()));
    m_board->setText(
        tr("%1 × %2 %3, %4")
            .arg(b.width())
            .arg(b.height())
            .arg(QString::fromUtf8(life::topologyName(m_model->settings().topology).data()),
                 m_model->settings().rule));
    if (const auto box = m_model->boundingBox()) {
        if (*box)
            m_bbox->setText(tr("%1 × %2 at (%3, %4)")
                                .arg((*box)->width)
                                .arg((*box)->height)
                                .arg((*box)->x)
                                .arg((*box)->y));
        else
            m_bbox->setText(tr("empty"));
    } else {
        m_bbox->setText(QStringLiteral("—")); // too large to scan every frame
    }
    m_engineRate->setText(engineering(m_model->engineCellUpdatesPerSecond()));
    m_displayRate->setText(engineering(m_model->displayedGenerationsPerSecond()));
    if (auto p = m_model->period())
        m_period->setText(*p == 1 ? tr("still life") : tr("oscillator, period %1").arg(*p));
    else
        m_period->setText(QStringLiteral("—"));
}

} // namespace algoscope::ui
