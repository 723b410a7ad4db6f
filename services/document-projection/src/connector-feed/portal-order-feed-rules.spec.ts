import { refusalCodeOf } from '@partner-portal/api-contracts';
import { acknowledge, readFrom } from './portal-order-feed-rules';

describe('the feed of portal orders', () => {
  describe('where a read starts', () => {
    it('given no cursor, when read, then after the last acknowledged order, which comes again unless acknowledged', () => {
      expect(readFrom({ acknowledged: 3, newest: 7 }, undefined)).toBe(3);
      expect(readFrom({ acknowledged: 0, newest: 0 }, undefined)).toBe(0);
    });

    it('given a cursor, when read, then after it, also behind the acknowledged position (to read again)', () => {
      expect(readFrom({ acknowledged: 3, newest: 7 }, '5')).toBe(5);
      expect(readFrom({ acknowledged: 3, newest: 7 }, '1')).toBe(1);
      expect(readFrom({ acknowledged: 3, newest: 7 }, '7')).toBe(7);
    });

    it('given a cursor past the newest order, when read, then it is refused naming after', () => {
      expect(refusalCodeOf(() => readFrom({ acknowledged: 3, newest: 7 }, '8'))).toBe('cursor_ahead');
    });
  });

  describe('acknowledging', () => {
    it('given orders up to 7, when 5 is acknowledged, then the connector stands at 5', () => {
      expect(acknowledge({ acknowledged: 3, newest: 7 }, '5')).toBe(5);
    });

    it('given 5 acknowledged, when an older or the same cursor is acknowledged again, then it stays at 5', () => {
      expect(acknowledge({ acknowledged: 5, newest: 7 }, '2')).toBe(5);
      expect(acknowledge({ acknowledged: 5, newest: 7 }, '5')).toBe(5);
    });

    it('given orders up to 7, when 8 is acknowledged, then it is refused: no order 8 was given', () => {
      expect(refusalCodeOf(() => acknowledge({ acknowledged: 5, newest: 7 }, '8'))).toBe('cursor_ahead');
    });
  });
});
