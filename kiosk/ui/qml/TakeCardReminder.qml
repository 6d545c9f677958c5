// "请取走您的社保卡": over whatever screen is showing (the attract screen after a session,
// the rating screen) while the identify part reports a card left in a reader, with a
// drawing of that card (ident.takeCardMethod). It goes away by itself once the card is
// taken; while the reader says it is still there the button cannot close it (it has the
// reminder said again), and for a reader that cannot tell it closes it.
import QtQuick

Rectangle {
    visible: ident.takeCard !== ""
    color: "#B3000000"
    MouseArea { anchors.fill: parent }   // swallow touches behind the reminder

    Rectangle {
        anchors.centerIn: parent
        width: parent.width * 0.6; height: body.implicitHeight + 96
        radius: 24; color: "white"
        border.color: theme.warning; border.width: 6
        Column {
            id: body
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 }
            spacing: theme.spacing
            Text {
                objectName: "takeCardText"
                width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
                text: "⚠ " + ident.takeCard
                color: theme.warning; font.pointSize: theme.titleSize + 8; font.bold: true
            }
            SsCardPicture {
                objectName: "takeSsCardPicture"
                width: parent.width * 0.3
                anchors.horizontalCenter: parent.horizontalCenter
                visible: ident.takeCardMethod === "ss_card"
                inserting: false
                running: visible
            }
            // Still, lifted off the reader: its animation lays a card down on it.
            IdCardPicture {
                objectName: "takeIdCardPicture"
                width: parent.width * 0.4
                anchors.horizontalCenter: parent.horizontalCenter
                visible: ident.takeCardMethod === "id_card"
                running: false
            }
            BigButton {
                objectName: "dismissReminder"
                centered: true
                width: parent.width
                label: ident.takeCardHeld ? qsTr("再说一遍") : qsTr("我已取走")
                onClicked: ident.dismissReminder()
            }
        }
    }
}
