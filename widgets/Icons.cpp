#include "Icons.h"

#include "util/Resources.h"

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace algoscope::ui {

QIcon embeddedIcon(const QString& name) {
    const auto data = util::findResource("resources/icons/" + name.toStdString() + ".svg");
    if (!data)
        return {};
    QSvgRenderer renderer(QByteArray(data->data(), qsizetype(data->size())));
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace algoscope::ui
