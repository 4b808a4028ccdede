export const shout = (text) => {
  throw new Error('Remove this statement and implement this function');
};
