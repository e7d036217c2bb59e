/**
 * One read cycle as it crosses the wire, byte by byte (devices.md §1.3-1.5; the find/select frames match the
 * 华视 100D capture in S4). Used by the codec tests; handy when reading a serial sniffer log.
 */

/** Host -> reader: find card (寻找证/卡). */
// prettier-ignore
export const FIND_REQUEST = Uint8Array.of(
  0xaa, 0xaa, 0xaa, // frame sync
  0x96, 0x69, //       frame start mark
  0x00, 0x03, //       Len = 3, big-endian: CMD + Para + CHK
  0x20, //             CMD 20: card
  0x01, //             Para 01: find
  0x22, //             CHK = 00 ^ 03 ^ 20 ^ 01
);

/** Reader -> host: card found. */
// prettier-ignore
export const FIND_OK_REPLY = Uint8Array.of(
  0xaa, 0xaa, 0xaa, 0x96, 0x69, // preamble
  0x00, 0x08, //                   Len = 8: SW1 SW2 SW3 + 4 data + CHK
  0x00, 0x00, //                   SW1 SW2: the card's APDU status, passed through
  0x9f, //                         SW3 9F: card found
  0x00, 0x00, 0x00, 0x00, //       4 data bytes (S1: the card's "IIN"; zero in S4's capture)
  0x97, //                         CHK = 00 ^ 08 ^ 9F
);

/** Reader -> host: no card in the field; the normal idle answer while polling. */
// prettier-ignore
export const FIND_NO_CARD_REPLY = Uint8Array.of(
  0xaa, 0xaa, 0xaa, 0x96, 0x69, // preamble
  0x00, 0x04, //                   Len = 4: SW1 SW2 SW3 + CHK
  0x00, 0x00, //                   SW1 SW2
  0x80, //                         SW3 80: find failed (no card)
  0x84, //                         CHK = 00 ^ 04 ^ 80
);

/** Host -> reader: select card (选取证/卡). */
// prettier-ignore
export const SELECT_REQUEST = Uint8Array.of(
  0xaa, 0xaa, 0xaa, 0x96, 0x69, // preamble
  0x00, 0x03, //                   Len = 3
  0x20, //                         CMD 20: card
  0x02, //                         Para 02: select
  0x21, //                         CHK = 00 ^ 03 ^ 20 ^ 02
);

/** Reader -> host: selected. */
// prettier-ignore
export const SELECT_OK_REPLY = Uint8Array.of(
  0xaa, 0xaa, 0xaa, 0x96, 0x69, //                  preamble
  0x00, 0x0c, //                                    Len = 12: SW1-SW3 + 8 data + CHK
  0x00, 0x00, //                                    SW1 SW2
  0x90, //                                          SW3 90: success
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8 data bytes (zero in S4's capture)
  0x9c, //                                          CHK = 00 ^ 0C ^ 90
);

/** Host -> reader: read text + photo (读机读文字+相片). */
// prettier-ignore
export const READ_REQUEST = Uint8Array.of(
  0xaa, 0xaa, 0xaa, 0x96, 0x69, // preamble
  0x00, 0x03, //                   Len = 3
  0x30, //                         CMD 30: read
  0x01, //                         Para 01: text + photo (10 = + fingerprint, 03 = appended address)
  0x32, //                         CHK = 00 ^ 03 ^ 30 ^ 01
);

/** Reader -> host: the first 14 bytes of the 1295-byte read reply (S3); 256 B text + 1024 B photo + CHK follow. */
// prettier-ignore
export const READ_OK_REPLY_HEADER = Uint8Array.of(
  0xaa, 0xaa, 0xaa, 0x96, 0x69, // preamble
  0x05, 0x08, //                   Len = 0x0508 = 1288: SW1-SW3 + 4 + 256 + 1024 + CHK
  0x00, 0x00, //                   SW1 SW2
  0x90, //                         SW3 90: success
  0x01, 0x00, //                   TL = 256, big-endian: text length
  0x04, 0x00, //                   PL = 1024, big-endian: photo (WLT) length
);
