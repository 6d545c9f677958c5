// The services this terminal offers: two columns of large tiles, a page at a time (six,
// four in elder mode) so nothing ever runs off the screen. Unavailable services stay
// visible and say why.
import QtQuick

Item {
    id: home
    readonly property int pageSize: kiosk.elderMode ? 4 : 6
    readonly property int pages: Math.max(1, Math.ceil(kiosk.services.length / pageSize))
    property int page: 0
    onPageSizeChanged: page = 0

    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 56 }
        spacing: theme.spacing
        ScreenTitle {
            width: parent.width
            text: qsTr("请选择您要办理的业务")
        }
        Grid {
            columns: 2
            spacing: theme.spacing
            Repeater {
                model: kiosk.services.slice(home.page * home.pageSize,
                                            (home.page + 1) * home.pageSize)
                delegate: BigButton {
                    objectName: "service_" + modelData.code
                    width: (body.width - theme.spacing) / 2
                    label: modelData.name
                    available: modelData.available
                    reason: modelData.reason
                    detail: modelData.summary
                    onClicked: kiosk.chooseService(modelData.code)
                }
            }
        }
    }
    Row {
        anchors { right: parent.right; rightMargin: 56; bottom: parent.bottom; bottomMargin: 16 }
        spacing: theme.spacing
        visible: home.pages > 1
        BigButton {
            objectName: "servicesPrev"
            width: kiosk.elderMode ? 300 : 240; implicitHeight: theme.smallButtonHeight
            secondary: true; centered: true
            available: home.page > 0
            label: "‹ " + qsTr("上一页")
            onClicked: home.page -= 1
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("第 %1 / %2 页").arg(home.page + 1).arg(home.pages)
            color: theme.text; font.pointSize: theme.bodySize
        }
        BigButton {
            objectName: "servicesNext"
            width: kiosk.elderMode ? 300 : 240; implicitHeight: theme.smallButtonHeight
            secondary: true; centered: true
            available: home.page + 1 < home.pages
            label: qsTr("下一页") + " ›"
            onClicked: home.page += 1
        }
    }
    NavBar { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } showBack: false }
}
